"""Turn derived registry data into pages, snippets and data files, engine-free.

Nothing in this package imports MkDocs: `plugin.py` adapts these outputs to MkDocs, and
another site engine could take them as they are.
"""
