"""Inputs for the robustness tests. Large ones are generated at test time, never committed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from newsbrief.examples import example_paths

# Short fictional news reports, written for these tests, in languages the summarizer cannot read.
FOREIGN_ARTICLES: dict[str, str] = {
    "fr": (
        "Un porte-conteneurs a percuté dimanche soir une pile du pont du port, blessant douze "
        "personnes et provoquant la fermeture de l'ouvrage pour une durée indéterminée.\n\n"
        "Selon l'autorité portuaire, le navire avait perdu toute propulsion quelques minutes "
        "avant le choc. Les pompiers ont évacué les automobilistes bloqués sur le tablier en "
        "moins d'une heure.\n\n"
        "La maire a décrété l'état d'urgence et a demandé aux conducteurs d'emprunter le pont "
        "situé en amont, où de longs embouteillages sont attendus toute la semaine."
    ),
    "de": (
        "Ein Containerschiff ist am Sonntagabend gegen einen Pfeiler der Hafenbrücke geprallt. "
        "Zwölf Menschen wurden verletzt, die Brücke bleibt bis auf Weiteres gesperrt.\n\n"
        "Nach Angaben der Hafenbehörde hatte das Schiff wenige Minuten vor dem Aufprall seinen "
        "Antrieb verloren. Die Feuerwehr brachte die auf der Brücke festsitzenden Autofahrer "
        "innerhalb einer Stunde in Sicherheit.\n\n"
        "Die Bürgermeisterin rief den Notstand aus und bat die Autofahrer, die Brücke "
        "flussaufwärts zu nutzen, wo die ganze Woche mit langen Staus gerechnet wird."
    ),
    "es": (
        "Un buque portacontenedores chocó el domingo por la noche contra un pilar del puente "
        "del puerto, hirió a doce personas y obligó a cerrar la estructura indefinidamente.\n\n"
        "Según la autoridad portuaria, el barco había perdido la propulsión minutos antes del "
        "impacto. Los bomberos evacuaron a los conductores atrapados en el tablero en menos de "
        "una hora.\n\n"
        "La alcaldesa declaró el estado de emergencia y pidió a los conductores que usaran el "
        "puente situado río arriba, donde se esperan largos atascos durante toda la semana."
    ),
    "ru": (
        "В воскресенье вечером контейнеровоз врезался в опору портового моста. Двенадцать "
        "человек получили ранения, мост закрыт на неопределённый срок.\n\n"
        "По данным портовой администрации, судно потеряло ход за несколько минут до удара. "
        "Пожарные эвакуировали водителей, застрявших на мосту, менее чем за час.\n\n"
        "Мэр города объявила режим чрезвычайной ситуации и попросила водителей пользоваться "
        "мостом выше по течению, где всю неделю ожидаются большие пробки."
    ),
    "zh": (
        "周日晚间，一艘集装箱船撞上港口大桥的桥墩，造成十二人受伤，大桥无限期关闭。\n\n"
        "据港务局介绍，这艘船在撞击前几分钟失去了动力。消防人员在不到一小时内将被困在桥面上的司机全部疏散。"
        "港务局表示，事故原因正在调查之中，船上的航行记录仪已经被调查人员取走。\n\n"
        "市长宣布进入紧急状态，并要求司机绕行上游的另一座大桥。交通部门预计，整个星期都会出现严重拥堵。"
        "市政府同时增加了渡轮班次，帮助东岸居民往返市中心上班和上学。"
        "工程师将在未来几天对桥墩进行全面检查，然后才会决定大桥何时能够重新开放。"
    ),
    # Dutch is outside the supported languages: such an article is still refused.
    "nl": (
        "Een containerschip is zondagavond tegen een pijler van de havenbrug gevaren. Twaalf mensen "
        "raakten gewond en de brug is voor onbepaalde tijd gesloten.\n\n"
        "Volgens het havenbedrijf verloor het schip enkele minuten voor de aanvaring zijn "
        "aandrijving. De brandweer bracht de automobilisten die op de brug vastzaten binnen een uur "
        "in veiligheid.\n\n"
        "De burgemeester kondigde de noodtoestand af en vroeg automobilisten de brug stroomopwaarts "
        "te gebruiken, waar de hele week lange files worden verwacht."
    ),
}


@pytest.fixture(scope="session")
def foreign_articles() -> dict[str, str]:
    return FOREIGN_ARTICLES


@pytest.fixture(scope="session")
def example_files() -> list[Path]:
    return list(example_paths())


@pytest.fixture(scope="session")
def english_paragraphs(example_files: list[Path]) -> list[str]:
    """Body paragraphs of the bundled example reports (long lines are story text there)."""
    lines = (line.strip() for path in example_files for line in path.read_text().splitlines())
    return [line for line in lines if len(line) > 150]


@pytest.fixture(scope="session")
def long_article(english_paragraphs: list[str]) -> Callable[[int], str]:
    """An English plain-text article of at least ``chars`` characters.

    Each paragraph is numbered so no two are equal (the cleaner drops repeated lines).
    """

    def make(chars: int) -> str:
        paragraphs: list[str] = []
        size = 0
        while size < chars:
            source = english_paragraphs[len(paragraphs) % len(english_paragraphs)]
            text = f"{source} (Part {len(paragraphs)}.)"
            paragraphs.append(text)
            size += len(text) + 2
        return "\n\n".join(paragraphs)

    return make
