"""Loaders for the multi-document summarization sets used to evaluate newsbrief.

The data itself is never shipped with the package (DUC and Multi-News are licensed for
research evaluation only); it is read from a data root found at run time.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

DATA_ENV_VAR = "NEWSBRIEF_DATA"

DUC2004_FILE = Path("duc2004") / "duc2004_task2.jsonl"
DUC2004_PUBLISHED_ROUGE = Path("duc2004") / "published_rouge.res"
# The verbatim SumRepo copy keeps the same ROUGE output under this name.
DUC2004_SUMREPO_ROUGE = Path("duc2004") / "raw_sumrepo" / "rouge.res"
MULTINEWS_SAMPLE_FILE = "multinews/multinews_raw_sample250_{split}.jsonl"

# Multi-News summaries come from newser.com, where every summary opens with an en dash.
_MULTINEWS_LEAD_DASH = "– "


class DatasetNotFoundError(FileNotFoundError):
    """Raised when an evaluation set is not present under the data root."""


@dataclass(frozen=True, slots=True)
class Cluster:
    """One summarization input: documents about one event and its human summaries."""

    id: str
    documents: tuple[str, ...]
    references: tuple[str, ...]
    # Outputs of previously published systems, by system name (DUC 2004 only).
    system_summaries: Mapping[str, str] = field(default_factory=dict)


def _repo_root() -> Path:
    return Path(__file__).resolve().parents[2]


def _candidate_roots() -> Iterator[Path]:
    env = os.environ.get(DATA_ENV_VAR)
    if env:
        yield Path(env)
    repo = _repo_root()
    # Development checkouts sit next to ../shared; the device copy of a checkout carries shared/.
    yield repo.parent / "shared" / "data"
    yield repo / "shared" / "data"
    yield Path.cwd() / "shared" / "data"
    yield Path.cwd().parent / "shared" / "data"


def find_data_root(root: str | os.PathLike[str] | None = None) -> Path:
    """Return the evaluation data root.

    Order: the explicit ``root`` argument, then ``$NEWSBRIEF_DATA``, then a ``shared/data``
    folder beside or inside the repository (or the working directory).
    """
    if root is not None:
        path = Path(root)
        if not path.is_dir():
            raise DatasetNotFoundError(f"data root {path} is not a directory")
        return path
    tried = []
    for candidate in _candidate_roots():
        if candidate.is_dir():
            return candidate
        tried.append(str(candidate))
    raise DatasetNotFoundError(
        f"no evaluation data root found; set ${DATA_ENV_VAR} (tried: {', '.join(tried)})"
    )


def _resolve(relative: Path, root: str | os.PathLike[str] | None) -> Path:
    path = find_data_root(root) / relative
    if not path.is_file():
        raise DatasetNotFoundError(f"{path} not found")
    return path


def _read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def _text_of(item: str | Mapping[str, Any]) -> str:
    if isinstance(item, str):
        return item
    return str(item["text"])


def load_duc2004(root: str | os.PathLike[str] | None = None) -> list[Cluster]:
    """DUC 2004 Task 2: 50 clusters of 10 news articles, 4 model summaries each.

    ``system_summaries`` holds the 13 systems collected by SumRepo (Hong et al., 2014).
    """
    clusters = []
    for record in _read_jsonl(_resolve(DUC2004_FILE, root)):
        clusters.append(
            Cluster(
                id=record["id"],
                documents=tuple(_text_of(d) for d in record["documents"]),
                references=tuple(_text_of(r) for r in record["references"]),
                system_summaries=dict(record.get("sumrepo_system_summaries", {})),
            )
        )
    return clusters


def published_duc2004_rouge_path(root: str | os.PathLike[str] | None = None) -> Path:
    """The ROUGE-1.5.5 output published with SumRepo's 13 DUC 2004 systems."""
    for relative in (DUC2004_PUBLISHED_ROUGE, DUC2004_SUMREPO_ROUGE):
        path = find_data_root(root) / relative
        if path.is_file():
            return path
    raise DatasetNotFoundError(f"no published DUC 2004 ROUGE output under {find_data_root(root)}")


def strip_multinews_dash(summary: str) -> str:
    """Drop the leading en dash that every newser.com summary starts with."""
    summary = summary.strip()
    if summary.startswith(_MULTINEWS_LEAD_DASH):
        return summary[len(_MULTINEWS_LEAD_DASH) :].lstrip()
    return summary


def load_multinews_sample(
    split: Literal["val", "test"] = "val", root: str | os.PathLike[str] | None = None
) -> list[Cluster]:
    """The 250-cluster raw-text Multi-News sample (full article text, scraping noise kept)."""
    path = _resolve(Path(MULTINEWS_SAMPLE_FILE.format(split=split)), root)
    clusters = []
    for record in _read_jsonl(path):
        clusters.append(
            Cluster(
                id=f"multinews-{split}-{record['row']}",
                documents=tuple(d for d in record["documents"] if d.strip()),
                references=(strip_multinews_dash(record["summary"]),),
            )
        )
    return clusters


def load_clusters_jsonl(path: str | os.PathLike[str]) -> list[Cluster]:
    """Any JSONL of clusters.

    Each line needs ``documents`` (strings or objects with ``text``) and either
    ``references`` (strings or objects with ``text``) or a single ``summary``. ``id`` is
    optional (the line number is used instead).
    """
    file = Path(path)
    if not file.is_file():
        raise DatasetNotFoundError(f"{file} not found")
    clusters = []
    for number, record in enumerate(_read_jsonl(file)):
        if "references" in record:
            references = tuple(_text_of(r) for r in record["references"])
        elif "summary" in record:
            references = (strip_multinews_dash(record["summary"]),)
        else:
            raise ValueError(f"{file}: cluster {number} has neither 'references' nor 'summary'")
        clusters.append(
            Cluster(
                id=str(record.get("id", number)),
                documents=tuple(_text_of(d) for d in record["documents"]),
                references=references,
                system_summaries=dict(record.get("sumrepo_system_summaries", {})),
            )
        )
    return clusters
