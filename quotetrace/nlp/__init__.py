"""The NLP layer: spaCy pipeline loading, the quote component, attribution rules and word lists."""
