import Extract
import Testing

/// One suite per rule family; sentences are our own, names come from the ontology or are invented.
@Suite struct ActiveAndPassiveTriggerTests {
    @Test func activeTriggerWithCoordinatedObjects() {
        let text = "The MNDAA captured Kunlong, Hsenwi and Kutkai on Sunday."
        for town in ["Kunlong", "Hsenwi", "Kutkai"] { #expect(Fixture.has(text, "MNDAA", "captured", town)) }
        let a = Fixture.facts(text).first { $0.r == "captured" }?.a
        #expect(a?.time?.date?.iso == "2023-11-12")
        #expect(a?.rule.hasPrefix("active-trigger:") == true)
    }

    @Test func coordinatedSubjects() {
        let text = "The AA, TNLA and MNDAA launched Operation 1027 on 27 October 2023."
        for g in ["AA", "TNLA", "MNDAA"] { #expect(Fixture.has(text, g, "launched", "Operation 1027")) }
    }

    @Test func passiveTriggersSwapTheArguments() {
        #expect(Fixture.has("Last month Hsenwi fell to the TNLA.", "TNLA", "captured", "Hsenwi"))
        #expect(Fixture.has("Kunlong was seized on Friday by the Kokang army.", "MNDAA", "captured", "Kunlong"))
    }

    @Test func surrenderIsCaught() {
        let text = "Soldiers of Infantry Battalion 129 surrendered to the MNDAA in Laukkai on 12 November 2023."
        #expect(Fixture.has(text, "IB 129", "surrenderedTo", "MNDAA"))
    }

    @Test func domainAndRangeRejectIllTypedTriples() {
        // A town cannot capture, an armed group is not a place to be captured.
        let facts = Fixture.facts("Laukkai captured the TNLA.")
        #expect(!facts.contains { $0.r == "captured" })
    }

    @Test func pronounsAndGenericReferencesResolve() {
        let text = "The Arakan Army held a meeting. On Monday the group said it had seized Paletwa."
        #expect(Fixture.has(text, "AA", "captured", "Paletwa"))
    }
}

@Suite struct AppositiveTests {
    @Test func capitalOfGivesPartOf() {
        #expect(Fixture.has("Fighting reached Loikaw, the capital of Kayah State, on Friday.", "Loikaw", "partOf", "Kayah State"))
    }

    @Test func memberOfAppositive() {
        #expect(Fixture.has("The TNLA, a member of the Brotherhood Alliance, issued a statement.", "TNLA", "memberOf", "Brotherhood Alliance"))
    }

    @Test func roleBeforeName() {
        #expect(Fixture.has("MNDAA spokesperson Li Kyar Win said the town was calm.", "Li Kyar Win", "spokespersonOf", "MNDAA"))
    }

    @Test func roleAfterNameMakesAnUnknownNameAPerson() {
        let text = "Nyi Nyi Soe, a spokesperson for the KNDF, spoke to reporters."
        #expect(Fixture.has(text, "Nyi Nyi Soe", "spokespersonOf", "KNDF"))
        let person = Fixture.extractor.extract(Fixture.article(text)).entities.first { $0.label == "Nyi Nyi Soe" }
        #expect(person?.classIRI.hasSuffix("#Person") == true)
    }

    @Test func aReferenceIsNotWhatLiesSomewhere() {
        // "the city" is Ramadi, but "in Humvees" says how the soldiers fled, not where Ramadi lies
        let text = "Ramadi, Iraq, fell on Sunday. Soldiers fled the city in Humvees and trucks."
        #expect(!Fixture.facts(text).contains { $0.r == "locatedIn" && $0.s == "Ramadi" })
        // "the country" may be any country named before: no fact
        let country = "In Libya, Wagner fighters from Russia regrouped at the LNA-held Orvan base, in the middle of the country."
        #expect(!Fixture.facts(country).contains { $0.r == "locatedIn" && $0.s == "Orvan base" })
        // a neighbourhood of "the town" is in that town
        let town = "Velor Front fighters surrounded Laukkai, Myanmar. They pushed into Tong Chain, a neighbourhood south-east of the town."
        #expect(Fixture.has(town, "Tong Chain", "locatedIn", "Laukkai"))
    }

    @Test func locatedInAfterAFacility() {
        #expect(Fixture.has("Fighters overran the Dokha camp in Kunlong Township.", "Dokha camp", "locatedIn", "Kunlong Township"))
    }
}

@Suite struct ModalityTests {
    @Test func plansAreNotFacts() {
        let facts = Fixture.facts("The group plans to capture Lashio. The MNDAA vowed to take Hsipaw.")
        #expect(!facts.contains { $0.r == "captured" && $0.a.modality == .asserted })
    }

    @Test func futureAndConditionalAreNotFacts() {
        let facts = Fixture.facts("The TNLA will seize Kyaukme, and if it does, the AA could capture Paletwa.")
        #expect(facts.filter { $0.r == "captured" }.allSatisfy { ![.asserted, .claimed].contains($0.a.modality) })
    }

    @Test func denialsAreNotFacts() {
        let facts = Fixture.facts("The junta did not capture Mongko.")
        #expect(facts.filter { $0.r == "captured" }.allSatisfy { $0.a.modality == .denied })
    }

    @Test func claimsAreAttributedFacts() {
        let facts = Fixture.facts("The MNDAA said on Monday that it had overrun Kunlong.")
        let a = facts.first { $0.r == "captured" && $0.o == "Kunlong" }
        #expect(a?.s == "MNDAA")
        #expect(a?.a.modality == .claimed)
        #expect(a?.a.attribution == "MNDAA")
    }
}

@Suite struct TimeAttachmentTests {
    @Test func controlUntilAYearIsAnInterval() {
        let a = Fixture.facts("Laukkai was controlled by the MNDAA until 2009.").first { $0.r == "controls" }
        #expect(a?.s == "MNDAA" && a?.a.time?.end?.iso == "2009" && a?.a.time?.date == nil)
    }

    @Test func controlSinceAYearStartsAnInterval() {
        let a = Fixture.facts("The TNLA has held Namtu since 2009.").first { $0.r == "controls" }
        #expect(a?.a.time?.start?.iso == "2009")
    }

    @Test func takingControlIsACaptureAndTheStartOfControl() {
        let facts = Fixture.facts("The TNLA took control of Namtu on Thursday.", published: "2023-11-18")
        #expect(facts.first { $0.r == "captured" }?.a.time?.date?.iso == "2023-11-16")
        #expect(facts.first { $0.r == "controls" }?.a.time?.start?.iso == "2023-11-16")
    }

    @Test func presentControlIsAnObservationOnPublication() {
        let a = Fixture.facts("The junta still holds Lashio.").first { $0.r == "controls" }
        #expect(a?.a.time?.date?.iso == "2023-11-16")
    }
}

@Suite struct PeopleGroupTests {
    @Test func staffPersonnelAndOtherDisplacedPeopleAreGroups() {
        let staff = "In Myanmar, the Velor Front said it also evacuated about 200 university staff from Loikaw University."
        #expect(Fixture.has(staff, "Velor Front", "rescued", "200 university staff"))
        let other = "In Myanmar, Velor Front fighters then escorted some 370 other displaced people from the monastery to safety."
        #expect(Fixture.has(other, "Velor Front", "rescued", "370 other displaced people"))
        let held = "In Myanmar, 43 Dorvan Army personnel were being held at the Zokhawthar police station."
        #expect(Fixture.has(held, "43 Dorvan Army personnel", "heldIn", "Zokhawthar police station"))
    }
}
