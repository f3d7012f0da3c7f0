"""Surface cues that mark a line as page furniture, a caption, a byline or a timestamp.

These are the generic vocabularies of web pages (share prompts, photo credits, "Updated …"
stamps), shared across sites. None of them decides a line on its own: each is one feature
among many for the line model (see ``features.py``), except where a whole short line is
nothing but such a phrase.
"""

from __future__ import annotations

import re

from newsbrief.text.calendar_names import MONTH

# Phrases that only ever label page furniture when they make up (most of) a short line.
FURNITURE = re.compile(
    r"""^(?:
        advertisements?|ad|sponsored(?:\ content)?|loading(?:\.\.\.)?|
        (?:continue\ )?read(?:ing)?\ (?:next|more|also|the\ main\ story)|more\ (?:stories|from\ .*|news)|
        related(?:\ articles|\ stories|\ news|\ coverage|\ content|\ links?)?|
        (?:most\ (?:read|popular|viewed|shared))|editors?['’]?\ picks?|featured(?:\ stories)?|
        trending(?:\ now|\ news)?|recommended(?:\ for\ you)?|you\ may\ also\ like|top\ stories|
        (?:see\ )?also|more|next|previous|up\ next|
        latest(?:\ news)?|search\ trends|breaking\ news|exclusive|watch|video|photos?|gallery|
        back\ to\ top(?:\ button)?|view\ comments?|comments?|show\ comments|story\ continued\ below|
        share(?:\ this(?:\ article|\ story)?)?|tweet|email|e-mail|print|download|subscribe|sign\ up|
        log\ ?in|sign\ in|follow\ us.*|skip\ to\ (?:main\ )?content|cookie.*|accept(?:\ all)?|close|
        menu|home|search|facebook|twitter|youtube|instagram|linkedin|whatsapp|pinterest|reddit|
        share\ (?:on|via)\ .*|listen\ to\ (?:this\ )?article.*|play|pause|replay|autoplay|embed|
        \d+|[\W_]+
    )$""",
    re.IGNORECASE | re.VERBOSE,
)

# Prompts that are sentences in form but address the reader, not the story.
READER_PROMPT = re.compile(
    r"\b(?:subscribe|subscription|newsletters?|sign up|sign in|log in|download (?:our|the) app|"
    r"follow (?:us|me|him|her)\b|follow [\w .@]+ on (?:twitter|facebook|instagram)|"
    r"like us (?:on|at)|join (?:us|the conversation) on|"
    r"click (?:here|to (?:share|email|print))|opens in (?:a )?new window|don['’]t miss|"
    r"all rights reserved|copyright|©|terms of (?:use|service)|privacy policy|cookies?|"
    r"why you can trust|reading time|powered by automated translation|"
    r"(?:get|receive) (?:the|our) .{0,40}(?:in your inbox|delivered)|in your inbox|"
    r"tweet with a location|learn more|share this (?:article|story)|read or share this story|"
    r"read more$|original (?:article|story) (?:on|at|from)|"
    r"add (?:as an )?interest|send us your|stay (?:with|up to date|tuned)|"
    r"continue reading|autoplay|copy this code|we may earn|affiliate|support (?:our|independent) journalism|"
    r"please (?:check your email|sign in|contact)|already have an account|thank you for registering)\b",
    re.IGNORECASE,
)

# Headers after which the rest of a page lists other stories.
END_MARKER = re.compile(
    r"^(?:read next|related(?: articles| stories| news| coverage| content)?|more (?:stories|from .*)|"
    r"most (?:read|popular|viewed|shared)(?: in [\w ]{1,30})?|recommended(?: for you)?|you may also like|"
    r"editors?['’]? picks?|top stories|back to top(?: button)?)$",
    re.IGNORECASE,
)

# Teaser links to other stories: "RELATED: …", "More: …", "► Update: …", "[Other headline]".
LINK_TEASER = re.compile(
    r"^(?:[►▶»›>]\s*)?(?:related|more|see also|also read|read more|read|watch|video|photos?|"
    r"analysis|opinion|our view|other views?|update|live|listen|podcast|graphic)\s*[:|]\s*\S",
    re.IGNORECASE,
)
BRACKETED = re.compile(r"^\[[^\]]{3,}\]$")

# Photo credits: "Photo: dpa", "/CFP", "(Todd Maisel/New York Daily News)", "via REUTERS", "EPA".
CREDIT = re.compile(
    r"(?:\b(?:photo|picture|image|video|file photo|credit|illustration|photograph)s?\s*"
    r"(?:by|:|/)\s*[\w .,&/'’-]{2,60}\)?$"
    r"|/\s*(?:CFP|AFP|AP|Xinhua|Getty(?: Images)?|EPA|Reuters|dpa|IANS|PTI)\s*$"
    r"|\bvia (?:REUTERS|Reuters|AP|AFP|Getty Images|Facebook|Twitter|Instagram)\)?\s*$"
    r"|[.)]\s+[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){0,3}/[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){0,3}\s*$"
    r"|\([A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){0,3}\s*/\s*[A-Z][\w'’.&-]+(?: [A-Z][\w'’.&-]+){0,4}\.?\)\s*$"
    r"|[.)]\s*(?:EPA|AFP|AP|Reuters|REUTERS|Getty Images|Bloomberg|dpa|Shutterstock)\s*$"
    r"|\((?:AP|AFP|Reuters|EPA|Getty Images) Photo[^)]*\)\s*$"
    r"|\((?:Associated Press|AP|AFP|Reuters|EPA|Getty Images|Shutterstock|Courtesy[\w .]*)\)\s*$"
    # Credits glued before the caption: "Rex Features The diary ...", "Getty - Contributor James ..."
    r"|^(?:[\w ]{1,25} - )?(?:Getty(?: Images)?|Rex Features|Shutterstock|Alamy|Hulton Archive)\b"
    r"|\b(?:image copyright|image caption|media caption|enlarge this image|toggle caption)\b"
    r"|\b(?:getty images|shutterstock|getty)\b\s*$"
    r"|^\d+ of \d+\.\s)",
    re.IGNORECASE,
)
CAPTION_START = re.compile(r"^\(?(?:L-R|R-L|from left|left to right|pictured)\b", re.IGNORECASE)

# Timestamps standing alone: "Updated 22:56, 12-Jan-2022", "Published on May 3, 2015".
METADATA = re.compile(
    r"^(?:updated?|published|posted|last updated|first (?:published|posted)|modified|"
    r"reading time|topics?|tags?|filed under|journal reference|\d+\s*min(?:ute)?s? read)\b"
    # Not a wire story's version tag: "UPDATE 2-Ship loses power, ..." is a headline.
    r"(?!\s*\d+\s*-)",
    re.IGNORECASE,
)
_MONTH = MONTH  # compiled with re.IGNORECASE
_CLOCK = r"\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4}\b)?"
DATE_ONLY = re.compile(
    rf"^(?:(?:mon|tue|wed|thu|fri|sat|sun)\w*\.?,?\s*)?(?:{_CLOCK}[ ,]+)?"
    rf"(?:\d{{1,2}}(?:st|nd|rd|th)?[-/ .](?:{_MONTH}|\d{{1,2}})\.?[-/ .,]+\d{{2,4}}"
    rf"|{_MONTH}\.? \d{{1,2}}(?:st|nd|rd|th)?[.,]? \d{{4}}|{_MONTH}\.? \d{{1,2}}(?:st|nd|rd|th)?)"
    rf"(?:[ ,|]+(?:at )?{_CLOCK})?\s*:?$",
    re.IGNORECASE,
)
# A date stamp with trailing stamp words: "March 2, 2026 4:31 PM GMT Updated 2 hours ago".
DATE_STAMP = re.compile(
    DATE_ONLY.pattern.removesuffix(r"\s*:?$")
    + r"\b.{0,40}\b(?:updated|ago|gmt|utc|edt|est|bst|cet)\b.{0,20}$",
    re.IGNORECASE,
)
# A clock-time heading of a live story: "3:30 p.m.", "11.05am".
CLOCK_ONLY = re.compile(r"^\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4})?\.?$", re.IGNORECASE)

# The prefix in any case, the names capitalised: "By Sarah Fitzmaurice", not "By late afternoon".
BYLINE = re.compile(
    r"^(?:/\s*)?(?i:updated\s+)?(?i:by|written by|reporting by|text by|photographs? by|words by)\s+"
    r"[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+)*"
)
CONTRIBUTOR = re.compile(
    r"\b(?:contributed to this (?:report|story)|additional reporting by|editing by|writing by|"
    r"reporting by|with input from agencies|(?:call|contact|email|reach) (?-i:[A-Z][\w.]+ ){1,4}at\b)"
    r"|^\(?with (?:input|reporting|files) from\b"
    # A list of contributors: "With Edgar Sandoval, John Annese, Ryan Sit".
    r"|^with [A-Z][\w.'-]+ [A-Z][\w.'-]+(?:, [A-Z][\w.'-]+ [A-Z][\w.'-]+)+$",
    re.IGNORECASE,
)
EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
HANDLE = re.compile(r"(?<![\w.])@\w{2,}")
URL = re.compile(r"https?://|\bwww\.|\b[\w-]+\.(?:com|org|net|co\.uk|ly|st|ie|gov)(?:/|\b)", re.IGNORECASE)
# Navigation bars flattened to one line: "World | Business | Markets".
NAV_SEPARATORS = re.compile(r"\s[|•·›»/]\s")
# EFE-style desk routing codes: "rja-jug/smq/mp".
ROUTING_CODE = re.compile(r"^[a-z]{2,5}(?:[-/][a-z]{2,5}){1,5}$")
BULLET = re.compile(r"^[•·●▪■◦*►▶❄➜-]\s*")
TERMINAL = re.compile(r"""[.!?…]["'”’)\]]*$|["”’]$""")
OPENING_QUOTE = re.compile(r"""^["“‘'«]""")
# "DENVER (AP) —", "Washington (CNN)", "Brussels, Jan 12 (EFE).-": an agency tag in the opening.
AGENCY_OPENING = re.compile(r"^(?:[A-Z][\w'’ .,-]{1,60}?(?:\s|-{1,2}))?\([A-Z][\w .&-]{1,30}\)")
# The signature line of an embedded post: "— Donald J. Trump (@realDonaldTrump) January 5, 2018".
EMBED_SIGNATURE = re.compile(
    rf"(?:[—–-]\s*[^()]{{2,60}}\(@\w+\)\s*{_MONTH}\w*\.? \d{{1,2}}, \d{{4}}\s*$|pic\.twitter\.com/)",
    re.IGNORECASE,
)
# A caption's short kicker before its sentence: "Rings on show: While Kim …", "On the rocks? Kim …".
KICKER_PREFIX = re.compile(r"^[A-Z][\w'’-]*(?: [\w'’-]+){0,3}[:?] [A-Z]")
# Imperatives pages address to readers: "Click to share", "Follow us", "Watch the video".
IMPERATIVE_START = re.compile(
    r"^(?:click|tap|follow|sign|subscribe|join|share|watch|listen|send|visit|download|become|"
    r"register|log)\b",
    re.IGNORECASE,
)
# Verbs of attribution: reported speech is the backbone of news prose and rare in furniture.
REPORTING_VERB = re.compile(
    r"\b(?:said|says|told|tells|according to|added|asked|stated|announced|reported|explained|"
    r"wrote|argued|noted|claimed|insisted|warned|confirmed|denied)\b",
    re.IGNORECASE,
)
SECOND_PERSON = re.compile(r"\b(?:you|your|yours)\b", re.IGNORECASE)
