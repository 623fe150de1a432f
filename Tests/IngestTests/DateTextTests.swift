import RDF
import Testing
@testable import Ingest

@Suite struct DateTextTests {
    @Test(arguments: [
        ("2024-01-06", "2024-01-06"), ("2024-01", "2024-01"), ("2024", "2024"),
        ("2024-01-06T10:30:00Z", "2024-01-06"), ("2024-01-06T23:30:00-05:00", "2024-01-06"),
        ("2024-01-06 10:30", "2024-01-06"), ("January 6, 2024", "2024-01-06"), ("6 January 2024", "2024-01-06"),
        ("Jan. 6, 2024", "2024-01-06"), ("Jan 6 2024", "2024-01-06"), ("Sept. 30, 2023", "2023-09-30"),
        ("Saturday, January 6th, 2024", "2024-01-06"), ("Sat, 06 Jan 2024 10:00:00 GMT", "2024-01-06"),
        ("January 2024", "2024-01"), ("2024/01/06", "2024-01-06"), ("  March 1, 2020 at 10:00 ", "2020-03-01"),
    ])
    func accepted(text: String, iso: String) {
        #expect(DateText.parse(text)?.iso == iso)
    }

    @Test(arguments: ["", "next Tuesday", "01/06/2024", "2024-13-01", "February 30, 2024", "Jan 2024 and more",
                      "6 Foo 2024", "12345", "January 6"])
    func rejected(text: String) {
        #expect(DateText.parse(text) == nil)
    }
}
