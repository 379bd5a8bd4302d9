"""Admin forms as a browser would post them back: what the page shows, before the user changes anything."""

from bs4 import BeautifulSoup


def image_edit_form(client, image) -> dict:
    """The image's edit form as the admin shows it, to be posted back with some fields changed."""
    page = BeautifulSoup(client.get(f"/admin/images/{image.pk}/").content, "html.parser")
    form = page.find("input", {"name": "title"}).find_parent("form")
    data = {}
    for field in form.find_all(["input", "textarea", "select"]):
        name = field.get("name")
        if not name or field.get("type") in ("file", "submit"):
            continue
        if field.name == "textarea":
            data[name] = field.text
        elif field.name == "select":
            chosen = field.find("option", selected=True) or field.find("option")
            data[name] = chosen.get("value", "") if chosen else ""
        elif field.get("type") not in ("checkbox", "radio") or field.has_attr("checked"):
            data[name] = field.get("value", "")
    return data
