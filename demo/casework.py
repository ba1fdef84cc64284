"""Challenge areas and priority themes from the cooperation plan (seeds 001 and 004)."""

CHALLENGE_AREAS = [
    (
        "Ungas hälsa och livsstil",
        "ungas-halsa",
        "Goda uppväxtvillkor: barn och unga ska få stöd och stimulans att bli mer rörliga "
        "och aktiva.",
    ),
    (
        "Jämlik fritid och kultur",
        "jamlik-fritid",
        "Fler Malmöbor i ett aktivt fritids- och kulturliv, oavsett ålder, bakgrund och "
        "förutsättningar.",
    ),
    (
        "Stadsliv, allmänna platser och lokaler",
        "stadsliv",
        "Mötesplatser, gröna stadsrum och lokaler för aktiviteter, kultur, lärande och lek.",
    ),
    (
        "Delaktighet, trygghet, demokrati",
        "delaktighet",
        "Fler röster i formella och informella beslut; tillit och trygghet i staden.",
    ),
    (
        "Nya vägar till arbete och aktivitet",
        "arbete",
        "Högre sysselsättning; föreningslivet som väg in i arbete och gemenskap.",
    ),
]

PRIORITY_THEMES = [
    (2021, "Återstart", "Återstart efter pandemin."),
    (2022, "Ungas trygghet och delaktighet", ""),
]
