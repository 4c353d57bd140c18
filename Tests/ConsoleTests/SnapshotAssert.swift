import Foundation
import Testing
@testable import Console

/// Compares rendered text with `Snapshots/<name>.txt` (swift-argument-parser style). Set RECORD_SNAPSHOTS=1 to
/// (re)write the files; a missing file fails the test instead of silently recording.
func assertSnapshot(_ surface: Surface, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
    let textURL = dir.appendingPathComponent("\(name).txt")
    let styleURL = dir.appendingPathComponent("\(name).style.txt")
    let actual = surface.text + "\n"
    let style = surface.styleMap + "\n"
    if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try? actual.write(to: textURL, atomically: true, encoding: .utf8)
        try? style.write(to: styleURL, atomically: true, encoding: .utf8)
        return
    }
    guard let expected = try? String(contentsOf: textURL, encoding: .utf8) else {
        Issue.record("missing snapshot \(name).txt; run with RECORD_SNAPSHOTS=1", sourceLocation: sourceLocation)
        return
    }
    if expected != actual {
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        var diff = ""
        for i in 0..<max(e.count, a.count) where (i < e.count ? e[i] : "") != (i < a.count ? a[i] : "") {
            diff += "line \(i + 1)\n- \(i < e.count ? e[i] : "")\n+ \(i < a.count ? a[i] : "")\n"
        }
        Issue.record("snapshot \(name) differs:\n\(diff)", sourceLocation: sourceLocation)
    }
    if let expectedStyle = try? String(contentsOf: styleURL, encoding: .utf8), expectedStyle != style {
        Issue.record("style snapshot \(name) differs", sourceLocation: sourceLocation)
    }
}
