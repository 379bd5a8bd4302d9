"""The UCLG region of a country: the same table the content loader uses for cities (taxonomies.yaml)."""

from functools import cache

from campaign.loader.parts import country_regions


@cache
def region_table() -> dict[str, str]:
    return country_regions()


def region_for_country(country_code: str) -> str:
    return region_table().get(country_code.upper(), "")
