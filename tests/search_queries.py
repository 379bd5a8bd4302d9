"""Real searches on the shipped content, per language, and the stories (by their French slug) each must find:
plurals and singulars, gender, accents or none, the last word typed in part, a typo, a city or country named in
another language. tests/test_search_recall.py asserts them on PostgreSQL, bench/search_recall.py prints them."""

REFUGEES = {
    "athenes-strategie-integration-participative",
    "heraklion-soutien-holistique-refugies",
    "arua-participation-refugies-planification-urbaine",
    "galati-moyens-subsistance-refugies",
}
ATHENS = {"athenes-strategie-integration-participative"}
SAO_PAULO = {"sao-paulo-nouveau-crai-est", "sao-paulo-plan-municipal-politiques-immigration"}
BEIRUT = {"beyrouth-clinique-mobile-sante"}
BUCHAREST = {"bucarest-politique-publique-integration"}
MECHELEN = {"malines-youth-for-all"}
IMMIGRANTS = {"boston-acces-juridique-immigres", "boston-bourse-professionnels-immigres"}
INTEGRATION = {"athenes-strategie-integration-participative", "bucarest-politique-publique-integration"}
GRENOBLE = {"grenoble-citoyennete-locale"}
BARCELONA = {"barcelone-citoyennete-locale"}

# (locale, what a visitor types, French slugs of stories it must find)
CASES = [
    ("fr", "réfugiés", REFUGEES),
    ("fr", "réfugié", REFUGEES),
    ("fr", "refugies", REFUGEES),
    ("fr", "REFUGIEES", REFUGEES),
    ("fr", "réfugiées", REFUGEES),
    ("fr", "réfug", REFUGEES),
    ("fr", "immigrées", IMMIGRANTS),
    ("fr", "immigres", IMMIGRANTS),
    ("fr", "integraton", INTEGRATION),
    ("fr", "Grenobel", GRENOBLE),
    ("fr", "Athènes", ATHENS),
    ("fr", "Athens", ATHENS),
    ("fr", "Atenas", ATHENS),
    ("fr", "Sao Paulo", SAO_PAULO),
    ("fr", "Beirut", BEIRUT),
    ("fr", "Mechelen", MECHELEN),
    ("en", "refugees", REFUGEES),
    ("en", "refugee", REFUGEES),
    ("en", "refuge", REFUGEES),
    ("en", "refug", REFUGEES),
    ("en", "integraton", INTEGRATION),
    ("en", "Barcelone", BARCELONA),
    ("en", "Athens", ATHENS),
    ("en", "Athènes", ATHENS),
    ("en", "Sao Paulo", SAO_PAULO),
    ("en", "Beyrouth", BEIRUT),
    ("en", "Bucarest", BUCHAREST),
    ("es", "refugiados", REFUGEES),
    ("es", "refugiadas", REFUGEES),
    ("es", "refugiado", REFUGEES),
    ("es", "refugi", REFUGEES),
    ("es", "refugaidos", REFUGEES),
    ("es", "Atenas", ATHENS),
    ("es", "Athens", ATHENS),
    ("es", "São Paulo", SAO_PAULO),
    ("es", "Sao Paulo", SAO_PAULO),
    ("es", "Beirut", BEIRUT),
]

# The SQLite fallback: no stemming nor typo correction, but accents, case, prefixes and places in any language.
SQLITE_CASES = [
    ("fr", "refugies", REFUGEES),
    ("fr", "réfug", REFUGEES),
    ("fr", "immigres", IMMIGRANTS),
    ("fr", "Athens", ATHENS),
    ("en", "Athènes", ATHENS),
    ("es", "Sao Paulo", SAO_PAULO),
    ("en", "Beyrouth", BEIRUT),
]
