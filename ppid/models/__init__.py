"""PPID models, one concept per module."""

from .calendar import ClosureDay
from .consequence import ConsequenceTest
from .dip import DIPEntry
from .disputes import Dispute
from .objections import Objection, ObjectionGround
from .privacy import PersonalDataView
from .ratelimits import RateLimitCounter
from .reports import ReportNarrative
from .requests import (
    AccessibleFormat,
    ApplicantType,
    Channel,
    DeliveryMethod,
    ExemptionGround,
    Fee,
    InformationRequest,
    ObtainMethod,
    Outcome,
    RegistrationCounter,
    RequestAttachment,
    RequestEvent,
)
from .survey import SurveyResponse

__all__ = [
    "AccessibleFormat",
    "ApplicantType",
    "Channel",
    "ClosureDay",
    "ConsequenceTest",
    "DIPEntry",
    "DeliveryMethod",
    "Dispute",
    "ExemptionGround",
    "Fee",
    "InformationRequest",
    "Objection",
    "ObjectionGround",
    "ObtainMethod",
    "Outcome",
    "PersonalDataView",
    "RateLimitCounter",
    "RegistrationCounter",
    "ReportNarrative",
    "RequestAttachment",
    "RequestEvent",
    "SurveyResponse",
]
