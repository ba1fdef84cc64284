from django.contrib.contenttypes.models import ContentType
from django.urls import get_resolver
from django.utils.functional import cached_property
from viewflow.workflow.models import Process


def task_url(task, view_name: str) -> str:
    """A task's page. The flows' URL namespaces exist once the Site's URLconf is loaded, which
    a management command or a background job has not necessarily done yet."""
    get_resolver().url_patterns  # noqa: B018 - loads the URLconf and with it the Site
    return task.reverse(view_name)


def case_of(process):
    """The case a process drives (``CaseProcess.case``), or None for a process without one.

    One query for the artifact and its case together; none when the step has loaded the
    artifact already (it is used as it is).
    """
    if process.artifact_object_id is None:
        return None
    if Process.artifact.is_cached(process):
        subject = process.artifact
    else:
        subject = _subject(process)
        if subject is not None:
            process.artifact = subject  # the same reference, now cached for the next step
    return getattr(subject, "case", subject)


def _subject(process):
    """The process's artifact, with its case in the same query when it has one."""
    model = ContentType.objects.get_for_id(process.artifact_content_type_id).model_class()
    subjects = model._default_manager.all()
    if any(field.name == "case" and field.is_relation for field in model._meta.get_fields()):
        subjects = subjects.select_related("case")
    return subjects.filter(pk=process.artifact_object_id).first()


class CaseProcess(Process):
    """A process that drives one case. ``artifact`` is the domain object (it has ``.case``)."""

    class Meta:
        proxy = True

    @cached_property
    def subject(self):
        """The domain object this process drives (an IOP inquiry, a funding application)."""
        return self.artifact

    @property
    def case(self):
        """The case: the subject's case, or the subject itself when it is a case."""
        return getattr(self.subject, "case", self.subject)

    @property
    def organisation(self):
        """The idea-based organisation whose members take this process's portal tasks."""
        return self.case.organisation if self.case is not None else None

    @property
    def brief(self) -> str:
        return str(self.case) if self.case is not None else super().brief
