"""The cooperation surface (docs/cooperation.md): challenge areas with their hosts, dialogues and
initiatives, needs and offers, the association directory and training. One module per part."""

from .areas import *  # noqa: F403
from .dialogues import *  # noqa: F403 (each part adds one line; its names are its models)
from .directory import DirectoryProfile  # noqa: F401
from .matching import *  # noqa: F403
from .training import Course, TrainingRegistration, TrainingSession  # noqa: F401
from .yearly_report import SectorCoordination, SectorReportSection  # noqa: F401
