"""Neighbourly help: groups and members, posts and matches, messages, time accounts,
digests."""

from .digest import Digest
from .groups import Act, HelpGroup, Member
from .ledger import Movement, Transfer
from .posts import Block, Match, Message, Post, Report

__all__ = [
    "Act",
    "Block",
    "Digest",
    "HelpGroup",
    "Match",
    "Member",
    "Message",
    "Movement",
    "Post",
    "Report",
    "Transfer",
]
