"""Languages beyond English: per-language tokens, stems and stop words, locale number formats,
and the optional multilingual embedding model that lets reports in different languages meet.

Which languages are read at which depth is ``newsbrief.text.languages.DEPTH`` (and the
README's table).
"""
