"""The foundation every stage builds on: how text is split, folded, compared and grouped.

Tokenizing (``tokens``), stemming (``stem``), folding for comparison (``normalise``), month and
weekday names (``calendar_names``), sentence splitting (``sentences``), sentence embeddings
(``embed``), lexical similarity (``similarity``) and disjoint sets (``sets``). Every stage
imports these downward; nothing here imports a stage (checked by ``lint-imports``).
"""
