"""General vocabularies of web-page furniture, used as features by the text-dump cleaner.

Nothing here names a site or an article: these are the words and phrases that buttons, widgets,
section headers and photo credits are made of on news sites at large. Phrases are matched on
lower-cased text at word boundaries.
"""
from __future__ import annotations

import re

# Words and phrases of interface widgets: errors, sharing, comments, accounts, ads, navigation.
UI_PHRASES = [
    # errors and loading states
    "oops", "something went wrong", "try again", "try again later", "please try again", "loading",
    "page not found", "an error occurred", "enable javascript", "javascript", "your browser",
    # sharing and social networks
    "share", "shares", "share this", "share on", "tweet", "retweet", "pin it", "like", "likes",
    "like us", "facebook", "twitter", "linkedin", "whatsapp", "pinterest", "instagram", "reddit",
    "telegram", "flipboard", "youtube", "tiktok", "email", "e-mail", "print", "copy link",
    "share with", "tell a friend",
    # comments
    "comment", "comments", "reply", "replies", "leave a reply", "leave a comment", "post a comment",
    "join the conversation", "join the discussion",
    # accounts and paywalls
    "subscribe", "subscription", "subscribers", "sign in", "sign up", "signup", "log in", "login",
    "log out", "logout", "register", "my account", "password", "username", "premium",
    # newsletters, ads, legal
    "newsletter", "newsletters", "advertisement", "advertise", "advertising", "ads", "sponsored",
    "promoted", "cookie", "cookies", "privacy", "privacy policy", "terms of use", "terms of service",
    "terms and conditions", "all rights reserved", "copyright", "accept all", "consent",
    # navigation
    "follow us", "follow", "click", "click here", "tap here", "read more", "read next",
    "continue reading", "next post", "previous post", "next article", "previous article", "related",
    "home", "homepage", "menu", "search", "skip to content", "skip to main content", "back to top",
    "top stories", "trending", "most popular", "most read", "load more", "show more", "view all",
    "see all", "see more", "contact us", "about us", "sitemap", "rss", "feed", "download the app",
    "tags", "category", "categories", "post author", "posted by", "posted in", "filed under",
]

# A whole block that announces other content: after the body, everything from here on is teasers.
SECTION_MARKERS = {
    "read more", "read next", "read also", "also read", "see also", "related", "related articles",
    "related posts", "related stories", "related news", "related content", "related coverage",
    "related topics", "related links", "related reading", "more stories", "more news",
    "more articles", "next post", "previous post", "next article", "previous article", "next story",
    "previous story", "up next", "you may also like", "you might also like", "you may like",
    "you might like", "recommended", "recommended for you", "recommended stories",
    "recommended articles", "popular", "most popular", "popular posts", "popular stories",
    "most read", "most viewed", "most shared", "trending", "trending now", "trending stories",
    "top stories", "latest news", "latest stories", "latest posts", "latest articles",
    "recent posts", "recent stories", "don't miss", "don’t miss", "more on this",
    "more on this story", "further reading", "other news", "editor's picks", "editors' picks",
    "editor’s picks", "sponsored content", "around the web", "from the web", "promoted stories",
    "in case you missed it", "what to read next", "keep reading", "more like this",
    "more to explore", "you may be interested in", "related searches",
}
SECTION_PATTERN = re.compile(r"^(?:more (?:from|in|on|about)|also on|more) (?:\S+ ?){1,4}$")
# A short heading that opens with a section word: "Related coverage from ...", "Recommended by ..."
SECTION_PREFIX = re.compile(r"^(?:related|recommended|more stories|more news|more from|most popular|popular|most read|"
                            r"trending|latest news|top stories|you may also like|you might also like|"
                            r"read more|further reading|see also|also read|read next)\b")

# A whole block that closes the article: comment areas, share bars, wire-service end marks.
STRONG_END_MARKERS = {
    "comments", "comment", "leave a reply", "leave a comment", "post a comment", "add a comment",
    "add comment", "write a comment", "join the conversation", "join the discussion",
    "show comments", "view comments", "load comments", "comments are closed", "reader comments",
    "responses", "discussion", "end", "the end", "###", "-30-", "— end —", "- end -",
}
WEAK_END_MARKERS = {
    "share", "share this", "share this article", "share this story", "share this post",
    "share on", "tags", "filed under", "about the author", "back to top", "print", "email",
}
END_COUNT_PATTERN = re.compile(r"^(?:\d+ (?:comments?|responses?|replies)|comments? \(\d+\))$")

# Photo credits: news agencies and picture-desk wording. A block carrying one is a caption.
CREDIT = re.compile(
    r"(?:\bAP Photo\b|\bAFP Photo\b|\bGetty Images\b|\bShutterstock\b|\bEPA-EFE\b|"
    r"\bPhoto credit\b|\bImage credit\b|\bPhoto courtesy\b|\bPhotograph:|\bPhoto:|\bImage:|"
    r"/(?:AP|AFP|Reuters|EPA|Bloomberg|Getty)\b|\bvia (?:AP|Reuters|Getty|AFP)\b|\bPool Photo\b|"
    r"\bCredits?: +[A-Z])",
    re.IGNORECASE)
# A trailing parenthesised credit: "(Name/Agency)", "(Photo: ...)", "(... via AP)".
TRAILING_CREDIT = re.compile(
    r"\((?:[^()]*\b(?:photo|image|picture|credit|courtesy|via)\b[^()]*|"
    r"[A-Z][^()/]{1,60}/[A-Z][^()]{1,80})\)\s*$", re.IGNORECASE)
# Caption labels: "Above: ...", "Pictured: ...", "Image Credit: ..."
CAPTION_LABELS = {
    "above", "below", "top", "left", "right", "pictured", "photo", "photos", "image", "images",
    "picture", "file photo", "main image", "caption", "credit", "credits", "photo credit",
    "image credit", "photograph", "illustration", "video", "watch",
}
# Labels of metadata widgets: "Post author:", "Tags:", "Updated:".
META_LABEL_WORDS = {
    "author", "authors", "by", "category", "categories", "comments", "comment", "tags", "tag",
    "topics", "posted", "published", "updated", "date", "source", "sources", "filed", "share",
    "code", "id", "views", "reads", "section", "edited", "written", "reporter", "editor",
}

# Syndication footers and bylines of republished pieces.
SYNDICATION = re.compile(
    r"\b(?:read the (?:original|full) (?:article|story|post)|"
    r"(?:this|the) (?:article|story|post) (?:was |is )?(?:originally |first )?"
    r"(?:published|appeared|posted) (?:on|in|at|by)|originally published (?:on|in|at|by)|"
    r"republished (?:from|with permission)|click here to read)\b",
    re.IGNORECASE)
COOKIE_NOTICE = re.compile(
    r"\b(?:use|uses|using|accept|consent to|enable|set|sets|store)\b[^.]{0,60}\bcookies\b|"
    r"\bcookies?\b[^.]{0,80}\b(?:privacy|policy|consent|settings|preferences|browsing|experience)\b",
    re.IGNORECASE)
COPYRIGHT = re.compile(r"©|\(c\) ?\d{4}|\bcopyright\b|\ball rights reserved\b", re.IGNORECASE)
# A truncated teaser ends with a bracketed ellipsis.
TEASER_END = re.compile(r"(?:\[\s*(?:…|\.\.\.)\s*\]|\(\s*(?:…|\.\.\.)\s*\))\s*$")
ELLIPSIS_END = re.compile(r"(?:…|\.\.\.)\s*$")


def _phrase_regex(phrases: list[str]) -> re.Pattern:
    alternatives = sorted({re.escape(p) for p in phrases}, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])")


UI_REGEX = _phrase_regex(UI_PHRASES)
