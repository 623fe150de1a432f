/// The words English news dates are made of, looked up once per token (`Token.key`, lower case).
///
/// Built once at first use; every table is immutable, so the finder can run on many threads.
enum TimeLexicon {
    /// Full month names and their abbreviations ("sept", "oct"). Abbreviations are only dates when a
    /// full stop or a number follows ("Oct. 27", "Oct 27"); "may" and "march" need a capital letter and,
    /// standing alone, a temporal word before them ("in May", "mid-March").
    static let months: [String: Int] = [
        "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
        "september": 9, "october": 10, "november": 11, "december": 12,
        "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
        "oct": 10, "nov": 11, "dec": 12,
    ]
    static let abbreviatedMonths: Set<String> = ["jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"]
    /// Month names that are also common words ("may", "march") or names.
    static let ambiguousMonths: Set<String> = ["may", "march", "june", "august"]

    /// 0 = Sunday, as `TimeFinder.dayOfWeek`.
    static let weekdays: [String: Int] = [
        "sunday": 0, "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6,
    ]

    /// Counts written as words ("a day earlier", "fifteen years ago").
    static let numbers: [String: Int] = [
        "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
        "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
        "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
        "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
    ]

    enum Unit: Sendable { case day, week, month, year }
    static let units: [String: Unit] = [
        "day": .day, "days": .day, "week": .week, "weeks": .week, "month": .month, "months": .month,
        "year": .year, "years": .year,
    ]

    /// Northern-hemisphere meteorological seasons: first and last month. Winter runs December–February
    /// and is dated by the year of its January.
    enum Season: Sendable {
        case spring, summer, autumn, winter
        var months: (first: Int, last: Int) {
            switch self {
            case .spring: (3, 5)
            case .summer: (6, 8)
            case .autumn: (9, 11)
            case .winter: (12, 2)
            }
        }
    }
    static let seasons: [String: Season] = [
        "spring": .spring, "summer": .summer, "autumn": .autumn, "fall": .autumn, "winter": .winter,
    ]

    /// Parts of a day that may follow a weekday ("Tuesday night") or "this"/"last" ("last night").
    static let dayParts: Set<String> = ["morning", "afternoon", "evening", "night"]

    /// Auxiliaries that put the verb after them in the present ("is held", "are now encircled").
    static let presentAuxiliaries: Set<String> = ["is", "are", "am", "remains", "remain"]
    /// Auxiliaries that put it in the past or the perfect ("was held", "had run", "has held").
    static let pastAuxiliaries: Set<String> = ["was", "were", "had", "has", "have", "did", "been", "be", "would", "could"]
    /// Words by which a sentence carries on the previous sentence's narrative, on the same day.
    static let sequenceCues: Set<String> = ["then", "responded", "retaliated"]
    /// Participles that open a clause stating the result of the sentence's deed (", leaving X in control").
    static let resultWords: Set<String> = ["leaving", "giving", "putting"]
    /// Third-person present forms of state verbs ("the regime holds").
    static let presentStateVerbs: Set<String> = ["holds", "controls", "runs", "administers", "remains", "occupies"]
    /// Plain present forms, present only after "now"/"still" ("they now hold").
    static let plainPresentVerbs: Set<String> = ["hold", "control", "run", "administer", "remain", "occupy"]

    /// Words before a date that belong to its phrase but not to its meaning ("on Sunday", "in 2009").
    static let prepositions: Set<String> = ["on", "in", "at", "during", "by", "of"]

    /// Words before a bare "May" / "March" that make it a month ("in May", "mid-March", "last May").
    static let monthContext: Set<String> = [
        "in", "on", "since", "until", "till", "from", "to", "through", "by", "during", "of", "early", "late",
        "mid", "-", "last", "this", "next", "between", "and", "before", "after", "end", "beginning",
    ]

    /// Words after a four-digit number that make it a count, not a year ("2000 people", "2023 km").
    static let countNouns: Set<String> = [
        "people", "persons", "villagers", "residents", "civilians", "soldiers", "troops", "fighters", "men",
        "women", "children", "families", "households", "homes", "houses", "buildings", "prisoners", "refugees",
        "members", "personnel", "workers", "victims", "casualties", "deaths", "dead", "km", "kilometres",
        "kilometers", "miles", "metres", "meters", "feet", "m", "dollars", "usd", "kyat", "yuan", "baht",
        "rupees", "tonnes", "tons", "hectares", "acres", "rounds", "shells", "rockets", "weapons", "guns",
        "%", "percent", "per", "hours", "minutes", "cases", "votes", "seats",
    ]

    /// Tokens at which a time expression may begin; anything else is skipped with one hash lookup.
    static let starters: Set<String> = {
        var s = Set(months.keys).union(weekdays.keys).union(numbers.keys).union(seasons.keys)
        s.formUnion([
            "yesterday", "overnight", "today", "tonight", "last", "this", "next", "coming", "past", "early", "late", "mid",
            "earlier", "later", "end", "beginning", "start", "middle", "the", "that", "until", "till", "through",
            "before", "after", "since", "from", "between", "up",
        ])
        return s
    }()

    @inline(__always)
    static func mayStart(_ t: Token) -> Bool { t.kind == .number || starters.contains(t.key) }

    /// Words after which an undated event is not the paragraph's scene (`Extractor.leavesTheScene`).
    static let sceneBreaks: Set<String> = ["since", "later", "afterwards", "subsequently", "has", "have", "will",
                                           "previously", "earlier", "before", "until", "ago", "formerly", "once"]
    /// Words after a scene break that keep the day ("Earlier in the day", "later that day": `Extractor.leavesTheDay`).
    static let sameDay: [[String]] = [["in", "the", "day"], ["today"], ["that", "day"], ["this", "morning"], ["on", "the", "same", "day"]]
}
