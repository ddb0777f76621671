"""Whether a line is something to do: an item opening on an imperative verb, an intro promising steps.

A list is a list of steps when the page presents it as things to do: its heading or lead-in
says so ("Follow these steps", "Instructions", "Here's how"), or its items open on a verb in
the imperative ("Pick an index", "Don't skip breakfast"). A list of benefits, myths, reasons,
signs, facts, products or types is not, whatever its numbering.
"""

from __future__ import annotations

import re

# Verbs that open instructions and tips in the imperative, base form only: "Reduces stress" (a
# benefit) and "Fruit is bad for you" (a myth) open on no word here.
_IMPERATIVE = frozenset("""
accept acknowledge add adjust adopt aim allow analyze analyse apply appreciate arrange ask assemble assess
attach attend audit automate avoid back bake be become begin believe book boost break breathe bring brush
budget build buy calculate call cancel capture carry celebrate change chase check choose clean clear close
collect combine come commit communicate compare compost connect consider consolidate contact continue
control cook cool copy count cover create cultivate cut deal decide declutter define delegate delete
deliver deploy design determine develop dig ditch divide do document download drink drive drop eat edit
educate eliminate embrace empower enable encourage encrypt engage enjoy ensure enter establish estimate
evaluate examine exchange exercise experiment explore express fill filter find finish fix flip focus fold
follow forget forgive free freeze gather get give go grab grow guard handle hang have head help hire hold
host identify ignore implement improve include increase install insure integrate invest invite join jot
journal keep label lay learn leave let limit list listen live load locate lock log look lower maintain make
manage map mark master measure meditate meet mind minimize minimise mix monitor move negotiate note notice
observe obtain offer open opt optimize optimise order organize organise pack paint pair pause pay pick
place plan plant play plug practice practise prepare prepay prepare prioritize prioritise protect prune
pull purchase push put question quit reach read rebalance recognize recognise record recycle reduce reflect
refresh register rehearse relax release remember remove rent repair repeat replace repurpose request
research reserve reset respect respond rest restrict rethink return reuse review revise reward rinse run
save say schedule score scrub search secure see seek select sell send serve set settle shape share shop
show shut simplify sip sit skip sleep slow smell sort speak spend split spray start stay steer step stick
stir stop store stretch structure study submit support swap switch tackle take talk taste teach tell test
thank think throw tidy track trade train transfer travel treat trim try turn understand unplug update
upgrade use validate verify visit volunteer wait wake walk warm wash watch water wear weigh whisk work
write bump boil chop cut dice fry grill heat knead measure peel pour preheat roast rub season serve simmer slice
soak spread sprinkle steam strain taste toss aerate fertilize fertilise harvest mulch sow transplant weed
apologize apologise breathe calm forgive hug listen praise smile borrow budget cancel consolidate deposit file
invest lend refinance withdraw automate bookmark backup configure connect enable install reboot restart sign
subscribe unsubscribe upload invite jog lift run squat stretch swim hydrate nap rehydrate stand sit lie
stock fill refill bring carry pack unpack wrap label sort group rank rate rotate schedule time batch prep
dress layer moisturize moisturise exfoliate cleanse apply rinse dry style trim shave floss brush
hire fire interview negotiate network pitch promote market advertise launch price bill invoice charge
reach respond reply text email message phone greet introduce thank compliment ask answer admit agree
create draft edit proofread publish post outline brainstorm sketch draw paint photograph film record
go head aim set get grab hold lean focus zoom frame shoot print share tag caption
""".split())
# A word outside the list above still reads as an imperative when an object or particle follows
# it at once ("Ditch the bags", "Bump up fiber"), unless its form is no imperative's ("Reduces
# your risk", "Improved focus", "Getting started").
# "in" after the first word proves nothing ("Etiquette in Japan", "Safety in Numbers").
_OBJECT_NEXT = re.compile(
    r"^(?P<verb>[A-Za-z]+)\s+(?:the|a|an|your|yours|yourself|my|our|their|his|her|its|it|them|this|that|these|those"
    r"|some|any|every|each|all|more|less|up|out|off|down|on|into|away|back|over|around|with|to|for)\b",
    re.IGNORECASE,
)
# A question is not an instruction, though "Do you need ...?" opens on a verb of the list; nor
# is a line opening on a preposition or conjunction ("Before the van arrives:").
_NOT_INSTRUCTION = re.compile(
    r"^(?:what|why|how(?!\s+to\b)|when|where|who|which|is|are|can|could|should|would|will|does|did"
    r"|do\s+(?:you|i|we|they)"
    r"|before|after|during|while|until|once|if|unless|because|since|from|without|at|by|of|about|between)\b"
    r"|\?\s*$",
    re.IGNORECASE,
)
_NOT_IMPERATIVE_FORM = re.compile(r"(?:[^s]s|ed|ing|ly|ion|ness|ment|ity|ful|ous|ive|al|er|est)$", re.IGNORECASE)
_NEGATIVE_OPENERS = re.compile(r"^(?:don[’']?t|do not|never|avoid|stop|no more)\b", re.IGNORECASE)
_FIRST_WORD = re.compile(r"[A-Za-z][A-Za-z’']*")
_NUMBER_PREFIX = re.compile(r"^\W*\d{1,3}[.:)]?\s+")
# Headings and lead-ins that present what follows as things to do.
_ACTION_INTRO = re.compile(
    r"\b(?:steps?|instructions|directions|method|how to|here[’']?s how|here is how|what (?:you need to|to) do"
    r"|follow(?:ing)? these|tips?|ways?|strategies|checklist|to-do|things to do|getting started|how do you"
    r"|practical approach|try these|start(?:ing)? (?:with|by))\b",
    re.IGNORECASE,
)
# Headings and lead-ins that present what follows as something other than things to do.
OTHER_KIND = re.compile(
    r"\b(?:signs?|reasons?|mistakes?|myths?|red flags?|symptoms?|benefits?|advantages?|disadvantages?"
    r"|downsides?|pros|cons|questions?|faqs?|facts?|types?|kinds?|products?|features?|examples?"
    r"|statistics|stats|causes?|risks?|ingredients|equipment|supplies|trends?|technologies|companies|platforms"
    r"|brands|apps|software|services|alternatives|picks|reviews?|options|tools|features"
    r"|tools you(?:[’']ll)? need|what you[’']ll need)\b",
    re.IGNORECASE,
)
# Above this share of items opening on an imperative, a list reads as things to do.
_ACTION_SHARE = 0.6


def is_action(text: str) -> bool:
    """True for a line that opens on an imperative, after any number: "Pick an index", "Don't skip"."""
    text = _NUMBER_PREFIX.sub("", text.strip())
    if _NOT_INSTRUCTION.search(text):
        return False
    if _NEGATIVE_OPENERS.match(text):
        return True
    word = _FIRST_WORD.search(text)
    if word is None or word.start() > 2:
        return False
    if word.group().lower() in _IMPERATIVE:
        return True
    followed = _OBJECT_NEXT.match(text[word.start() :])
    return followed is not None and not _NOT_IMPERATIVE_FORM.search(followed.group("verb"))


def names_task(text: str) -> bool:
    """True for a line that opens on an imperative or on its -ing form: "Set a budget", "Assessing
    your space", "Planning the beds"."""
    return is_action(text) or opens_on_gerund(text)


def opens_on_gerund(text: str) -> bool:
    """True for a line that opens on the -ing form of an imperative verb: "Assessing your space"."""
    word = _FIRST_WORD.search(_NUMBER_PREFIX.sub("", text.strip()))
    if word is None or word.start() > 2 or not word.group().lower().endswith("ing"):
        return False
    stem = word.group().lower()[:-3]
    return any(form in _IMPERATIVE for form in (stem, stem + "e", stem[:-1]))


def mostly_actions(texts: list[str]) -> bool:
    """True when most of `texts` open on an imperative."""
    return bool(texts) and sum(is_action(text) for text in texts) >= _ACTION_SHARE * len(texts)


def presents_actions(intro: str | None) -> bool:
    """True for a heading or lead-in that introduces things to do: "Follow these steps:", "Instructions"."""
    return intro is not None and bool(_ACTION_INTRO.search(intro)) and not OTHER_KIND.search(intro)


def names_actions(intro: str | None) -> bool:
    """True for a heading or lead-in that names things to do, whatever else it names: "How to put
    this equipment together"."""
    return intro is not None and bool(_ACTION_INTRO.search(intro))


def presents_other_kind(intro: str | None) -> bool:
    """True for a heading or lead-in that introduces benefits, myths, reasons, types, products..."""
    return intro is not None and bool(OTHER_KIND.search(intro))
