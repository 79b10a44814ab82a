"""The owner back office (``/office/``): a thin admin layer over the services.

``site`` is the AdminSite; ``mixins`` scope every registration to the signed-in
owner and render and read times in the owner's zone; ``booking``, ``rounds``
and ``profile`` register the models. Forms call the services' own checks and
saves go through the services, so no rule lives here.
"""

from schedules.office import booking, profile, rounds  # noqa: F401  (registrations)
from schedules.office.site import office

__all__ = ["office"]
