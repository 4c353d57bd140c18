import Testing

@testable import Model

/// Short ids against the examples in sentry-schema.md §4.
struct ShortIdTests {
    @Test(
        arguments: [(0, "0"), (1, "1"), (10, "A"), (31, "Z"), (32, "10"), (1000, "Z8"), (1024, "100"), (12345, "C1S")]
            as [(Int64, String)])
    func encodesLikeSentry(_ value: Int64, _ text: String) {
        #expect(ShortId.encode(value) == text)
        #expect(ShortId.decode(text) == value)
    }

    @Test func decodeIsTolerantLikeSentry() {
        #expect(ShortId.decode("c1s") == 12345)
        #expect(ShortId.decode("O") == 0)
        #expect(ShortId.decode("I") == 1)
        #expect(ShortId.decode("L") == 1)
        #expect(ShortId.decode("U") == nil, "U is not in the alphabet")
        #expect(ShortId.decode("") == nil)
        #expect(ShortId.decode("!") == nil)
    }

    @Test func roundTripsLargeValues() {
        for v: Int64 in [33, 999, 65_535, 1_000_000, 123_456_789, Int64(Int32.max)] {
            #expect(ShortId.decode(ShortId.encode(v)) == v)
        }
    }

    @Test func displayAndParse() {
        #expect(ShortId.display(slug: "backend", shortId: 1000) == "BACKEND-Z8")
        #expect(ShortId.display(slug: "backend", shortId: nil) == nil)
        #expect(ShortId.parse("BACKEND-Z8")! == ("backend", 1000))
        #expect(ShortId.parse("issue:my-app-Z8")! == ("my-app", 1000), "splits at the last dash")
        #expect(ShortId.parse("my_app_10")! == ("my_app", 32))
        #expect(ShortId.parse("nodash") == nil)
        #expect(ShortId.parse("-Z8") == nil)
    }
}
