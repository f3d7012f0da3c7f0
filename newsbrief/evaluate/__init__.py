"""Summary-quality evaluation: datasets, ROUGE in the DUC 2004 and Multi-News settings,
the reproduction check against published DUC 2004 scores, and baseline summarizers
(``newsbrief.evaluate.baselines``, imported on demand because it pulls in sumy)."""

from newsbrief.evaluate.datasets import (
    Cluster,
    DatasetNotFoundError,
    find_data_root,
    load_clusters_jsonl,
    load_duc2004,
    load_multinews_sample,
)
from newsbrief.evaluate.reproduction import (
    ReproductionRow,
    format_reproduction_table,
    reproduce_published,
)
from newsbrief.evaluate.rouge import (
    RougeUnavailableError,
    SystemScores,
    run_perl_rouge,
    score_duc,
    score_multinews,
)

__all__ = [
    "Cluster",
    "DatasetNotFoundError",
    "ReproductionRow",
    "RougeUnavailableError",
    "SystemScores",
    "find_data_root",
    "format_reproduction_table",
    "load_clusters_jsonl",
    "load_duc2004",
    "load_multinews_sample",
    "reproduce_published",
    "run_perl_rouge",
    "score_duc",
    "score_multinews",
]
