"""Placing an institution on the map from its name, offline."""

import pytest

from campaign.endorsements.gazetteer import coordinates, word_runs


def test_institution_words_are_not_looked_up_alone():
    assert word_runs("Ayuntamiento de Barcelona") == ["ayuntamiento de barcelona", "de barcelona", "barcelona"]


@pytest.mark.parametrize(
    ("name", "country", "near"),
    [
        ("Ayuntamiento de Barcelona", "ES", (41.39, 2.16)),
        ("Comune di Lampedusa e Linosa", "IT", (35.50, 12.61)),
        ("Ville de Saint-Étienne", "FR", (45.43, 4.39)),
        ("Gaziantep Metropolitan Municipality", "TR", (37.06, 37.38)),
    ],
)
def test_a_city_is_found_in_its_country(name, country, near):
    latitude, longitude = coordinates(name, country)
    assert (round(latitude, 1), round(longitude, 1)) == (round(near[0], 1), round(near[1], 1))


def test_an_institution_without_a_place_name_has_no_position():
    assert coordinates("Cités et Gouvernements Locaux Unis", "ES") is None
    assert coordinates("Barcelona", "FR") is None, "a place of another country does not count"


def test_the_release_step_builds_the_index_file_every_worker_reads(tmp_path, settings):
    import io

    from django.core.management import call_command

    settings.GAZETTEER_PATH = str(tmp_path / "gazetteer.sqlite3")
    out = io.StringIO()
    call_command("build_gazetteer", stdout=out)
    assert (tmp_path / "gazetteer.sqlite3").exists() and "place names" in out.getvalue()
    assert coordinates("Ville de Dakar", "SN") is not None


def test_the_runs_looked_up_stay_few_however_long_the_name_folds():
    """200 times U+FDFA folds to 800 words: once 320,000 runs, hundreds of megabytes, one SQL parameter each."""
    runs = word_runs("\ufdfa" * 200)
    assert 0 < len(runs) <= 40 * 16 and max(len(run.split()) for run in runs) <= 16
