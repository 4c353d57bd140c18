import Foundation
import Testing

@testable import Console

/// Compares rendered text and roles with `Snapshots/<name>.txt` and `.style.txt` (swift-argument-parser style).
/// RECORD_SNAPSHOTS=1 (re)writes both files and still fails, so a run that records can never pass; a missing
/// file fails instead of silently recording.
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
        Issue.record("recorded snapshot \(name); run again without RECORD_SNAPSHOTS", sourceLocation: sourceLocation)
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
    guard let expectedStyle = try? String(contentsOf: styleURL, encoding: .utf8) else {
        Issue.record("missing snapshot \(name).style.txt; run with RECORD_SNAPSHOTS=1", sourceLocation: sourceLocation)
        return
    }
    if expectedStyle != style { Issue.record("style snapshot \(name) differs", sourceLocation: sourceLocation) }
}
