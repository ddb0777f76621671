"""Names, honorifics and descriptions in the phrases that frame a quotation."""

from __future__ import annotations

from pipeline.segment._people import Person, person_ending, person_starting


def test_honorific_and_appositive_form_the_description():
    assert person_ending("Dr. Helen Fisher, an anthropologist and expert on love, once") == Person(
        "Helen Fisher", "Dr., an anthropologist and expert on love")


def test_words_before_the_name_are_the_description_without_as():
    assert person_ending("As the famous relationship expert Dr. John Gottman") == Person(
        "John Gottman", "Dr., the famous relationship expert")


def test_context_clause_before_the_name_is_dropped():
    assert person_ending("In her book Mating in Captivity, Esther Perel") == Person("Esther Perel", None)


def test_organisation_in_an_appositive_is_not_the_speaker():
    assert person_ending("Jack Buser, director for games at Google") == Person(
        "Jack Buser", "director for games at Google")


def test_job_title_before_the_name_is_description():
    assert person_starting("SciSpacE Team Leader Jennifer Ngo-Anh") == Person(
        "Jennifer Ngo-Anh", "SciSpacE Team Leader")


def test_name_with_a_particle_inside_a_clause():
    assert person_starting("Corrie ten Boom in a line that is often shared") == Person("Corrie ten Boom", None)


def test_lowercase_phrase_names_no_one():
    assert person_ending("a recent study") is None
