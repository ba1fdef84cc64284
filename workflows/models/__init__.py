"""viewflow process classes (proxies of viewflow's Process): one per flow, no tables of their own.

A process points to its domain object through viewflow's indexed ``artifact`` reference; the
domain object points to its ``casework.Case``.
"""

from .base import CaseProcess
from .funding import FundingProcess
from .iop import IOPProcess

__all__ = ["CaseProcess", "FundingProcess", "IOPProcess"]
