"""The OCOP cycle's records, split by stage (guidance, ideas and plans, dossiers, rounds, decisions)."""
from marketplace.cycle.models.decisions import Provenance, RecognitionDecision
from marketplace.cycle.models.dossiers import Dossier, DossierItem, DossierRequirement, ItemState
from marketplace.cycle.models.guidance import GuidanceAttachment, GuidanceKind, GuidancePost
from marketplace.cycle.models.ideas import BusinessPlan, Milestone, PlanComment, PlanDocument, ProductIdea
from marketplace.cycle.models.rounds import (CouncilMember, CouncilRole, EvaluationRound, RoundEntry, Score,
                                             ScoreLine, ScoringSheet, SheetCriterion)
from marketplace.cycle.states import (DossierStatus, EntryStatus, GuidanceStatus, IdeaStatus, PlanStatus,
                                      RoundStatus)

__all__ = ["BusinessPlan", "CouncilMember", "CouncilRole", "Dossier", "DossierItem", "DossierRequirement",
           "DossierStatus", "EntryStatus", "EvaluationRound", "GuidanceAttachment", "GuidanceKind", "GuidancePost",
           "GuidanceStatus", "IdeaStatus", "ItemState", "Milestone", "PlanComment", "PlanDocument", "PlanStatus",
           "ProductIdea", "Provenance", "RecognitionDecision", "RoundEntry", "RoundStatus", "Score", "ScoreLine",
           "ScoringSheet", "SheetCriterion"]
