import Testing

@testable import Console
@testable import Model

/// Column layout by width: fixed, shared flex space, hidden columns, alignment, the unpadded last column.
@Suite struct TableTests {
    static let columns: [Table.Column] = [
        .init("NAME", .flex(min: 4, percent: 50)), .init("N", .fixed(3), right: true),
        .init("NOTE", .flex(min: 0), hideBelow: 30),
    ]

    @Test func flexColumnsShareTheRestAndHiddenOnesGiveItBack() {
        let wide = Table(Self.columns, width: 40)
        #expect(wide.widths == [18, 3, 17], "40 − 3 − 2 separators = 35; NAME takes half of 36")
        let narrow = Table(Self.columns, width: 20)
        #expect(narrow.widths == [16, 3, nil])
        #expect(!narrow.shows("NOTE") && narrow.width(of: "NOTE") == 0)
    }

    @Test func cellsArePaddedAlignedAndCut() {
        let t = Table(Self.columns, width: 20, padLast: true)
        #expect(t.header == "NAME               N")
        #expect(t.line(["a-very-long-queue-name", "7", "ignored"]) == "a-very-long-que…   7")
        let unpadded = Table([.init("A", .fixed(3)), .init("B", .flex(min: 1))], width: 10)
        #expect(unpadded.line(["x", "y"]) == "x   y", "the last column is not padded")
    }
}
