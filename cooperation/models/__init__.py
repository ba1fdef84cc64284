"""The cooperation surface (docs/cooperation.md): challenge areas with their hosts, dialogues and
initiatives, needs and offers, the association directory and training. One module per part."""
