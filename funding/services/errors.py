from django.core.exceptions import ValidationError


class SubmissionRefused(ValidationError):
    """The application may not be submitted; ``problems`` say why, in the applicant's words."""

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__([problem.message for problem in self.problems], code="refused")
