"""The one home of shared text handling: folding, spelling, contractions, verbs, sentence ends, sanitising.

- :mod:`~quotetrace.text.fold`: the accent/case fold, with the options callers differ by;
- :mod:`~quotetrace.text.spelling`: spelling variants (``data/spelling.json`` and the regular patterns);
- :mod:`~quotetrace.text.contractions`: contractions (``data/contractions.json``);
- :mod:`~quotetrace.text.verbs`: the verb lexicon: speech, reporting and belief verbs, forms, cue classes;
- :mod:`~quotetrace.text.lexicon`: the word lists of attribution and identity (pronouns, titles, role, office
  and organisation nouns, given names);
- :mod:`~quotetrace.text.stopwords`: the stopword lists, by use;
- :mod:`~quotetrace.text.words`: word lists written as text; :mod:`~quotetrace.text.data`: bundled data files;
- :mod:`~quotetrace.text.sentences`: where a sentence ends (end marks, abbreviations, and the splits built on them);
- :mod:`~quotetrace.text.names`: the Unicode form of a name; :mod:`~quotetrace.text.sanitise`: article text
  made safe for terminals, HTML and CSV.
"""
