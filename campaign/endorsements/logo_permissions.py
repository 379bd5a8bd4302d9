"""Who sees endorsers' logos in the admin: only staff who review endorsements.

A logo is an image of the media library, in its own collection (LOGO_COLLECTION), titled after the institution
that sent it, including endorsements not (or never to be) published. Wagtail's collection permissions only add
up: a group given images on the root collection, as Wagtail's own "Editors" and "Moderators" are, would see and
edit every collection below it, the logos' included, and no grant can take that back. So the image permission
policy itself decides for that collection: there, choosing, editing and deleting belong to the users with the
endorsement permission (and superusers), whatever their other image permissions; uploading nobody's but the
endorsement form's. Everywhere else, Wagtail's policy is unchanged. Every image view of the admin (listing,
chooser, edit, delete, usage, bulk actions) asks the registered policy, so none of them shows a logo to a page
editor.
"""

from django.db.models import Q
from wagtail.images import get_image_model
from wagtail.models import Collection
from wagtail.permission_policies.collections import CollectionOwnershipPermissionPolicy

from campaign.endorsements.admin import REVIEW_PERMISSION
from campaign.endorsements.logos import LOGO_COLLECTION

# What reviewers may do with logos ("delete" counts as "change" in Wagtail's policy).
REVIEWER_ACTIONS = {"choose", "change", "delete"}
STEP = Collection.steplen


class LogoAwareImagePolicy(CollectionOwnershipPermissionPolicy):
    """Wagtail's image policy, except for the logos' collection (see above)."""

    def _check_perm(self, user, actions, collection=None):
        """On a collection: as above. On none (may the user do this somewhere?): a reviewer may, in the logos'."""
        if collection is None:
            return super()._check_perm(user, actions) or reviews(user, actions)
        if in_logo_collection(collection):
            return (user.is_active and user.is_superuser) or reviews(user, actions)
        return super()._check_perm(user, actions, collection=collection)

    def _collections_with_perm(self, user, actions):
        collections = super()._collections_with_perm(user, actions).exclude(logo_collections())
        if reviews(user, actions):
            collections |= Collection.objects.filter(logo_collections())
        return collections


def reviews(user, actions) -> bool:
    """Whether `actions` are among a reviewer's on logos, and `user` a reviewer (active and logged in)."""
    return bool(set(actions) & REVIEWER_ACTIONS) and user.is_active and user.has_perm(REVIEW_PERMISSION)


def logo_collections() -> Q:
    """The logos' collection and any below it, as a filter on collections."""
    paths = Collection.objects.filter(name=LOGO_COLLECTION).values_list("path", flat=True)
    return Q(*[Q(path__startswith=path) for path in paths], _connector=Q.OR) if paths else Q(pk__in=[])


def in_logo_collection(collection: Collection) -> bool:
    """Without a query for a top-level collection (the usual case); else one."""
    if collection.name == LOGO_COLLECTION:
        return True
    ancestors = [collection.path[:end] for end in range(STEP * 2, len(collection.path), STEP)]
    return bool(ancestors) and Collection.objects.filter(name=LOGO_COLLECTION, path__in=ancestors).exists()


def logo_aware_image_policy() -> LogoAwareImagePolicy:
    """Built as wagtail.images.get_permission_policy builds Wagtail's own."""
    return LogoAwareImagePolicy(
        get_image_model(), auth_model="wagtailimages.Image", owner_field_name="uploaded_by_user"
    )
