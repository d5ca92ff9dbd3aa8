"""Operations that change the catalogue, called by the workspace pages, the spreadsheet import
and the API alike, so each rule is written once. (The Django admin is the administrators' tool
for correcting data by hand and does not go through them; the flagship workflow is
`catalog.workflow`.)

Each operation is keyword-only, runs in a transaction, checks the permission layer first
(PermissionDenied → 403), then the object's state (NotAllowedNow → 409), then the data
(ValidationError → 400), and sends mail only after the transaction commits. Finding the object
(404 for what a user may not see) is the caller's job, with the `visible_to` querysets.
"""

from .businesses import (
    create_business,
    deactivate_business,
    reactivate_business,
    similar_businesses,
    update_business,
)
from .certificates import (
    add_certificate,
    remove_certificate,
    update_certificate,
    verifying_agency,
)
from .collaborations import accept_collaboration, decline_collaboration, end_collaboration, invite
from .images import add_image, add_images, remove_image, reorder_images
from .links import add_link, remove_link
from .products import (
    archive,
    change_status,
    create_product,
    hand_over,
    publish,
    unpublish,
    update_product,
)

__all__ = [
    "accept_collaboration",
    "add_certificate",
    "add_image",
    "add_images",
    "add_link",
    "archive",
    "change_status",
    "create_business",
    "create_product",
    "deactivate_business",
    "decline_collaboration",
    "end_collaboration",
    "hand_over",
    "invite",
    "publish",
    "reactivate_business",
    "remove_certificate",
    "remove_image",
    "remove_link",
    "reorder_images",
    "similar_businesses",
    "unpublish",
    "update_business",
    "update_certificate",
    "update_product",
    "verifying_agency",
]
