"""Exchange intelligence between agencies under agreements.

Agreements are data (`agreements/*.yaml`), packages are signed single files,
and persons can be matched across agencies on keyed Bloom-filter encodings
without revealing who they are. Every export, import, encode and match is
recorded in the hash-chained audit log.
"""
