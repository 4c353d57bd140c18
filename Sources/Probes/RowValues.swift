import Model

/// Typed columns of a libpq result row (text format): nil for NULL, a missing column, or text that does not
/// parse — never a silent 0. Values that must be there go through `required`.
extension Array where Element == String? {
    func text(_ i: Int) -> String? { i < count ? self[i] : nil }
    func int(_ i: Int) -> Int? { text(i).flatMap { Int($0) } }
    func int64(_ i: Int) -> Int64? { text(i).flatMap { Int64($0) } }
    func double(_ i: Int) -> Double? { text(i).flatMap { Double($0) } }
}

/// `value`, or a protocol error naming what was missing (the sample fails rather than show unknown as 0).
func required<T>(_ value: T?, _ what: @autoclosure () -> String) throws(ProbeError) -> T {
    guard let value else { throw ProbeError(.protocol, "unexpected NULL or malformed value: \(what())") }
    return value
}
