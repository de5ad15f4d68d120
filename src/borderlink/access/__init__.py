"""Who may see what: the policy file, users and their agencies, and the Viewer type."""

from borderlink.access.policy import ROLES, Policy, default_policy, load_policy, parse_policy
from borderlink.access.users import (
    UserInfo,
    add_user,
    authenticate,
    disable_user,
    find_viewer,
    list_users,
)
from borderlink.access.viewer import Viewer

__all__ = [
    "ROLES",
    "Policy",
    "UserInfo",
    "Viewer",
    "add_user",
    "authenticate",
    "default_policy",
    "disable_user",
    "find_viewer",
    "list_users",
    "load_policy",
    "parse_policy",
]
