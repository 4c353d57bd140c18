/// Why a recording could not be written or read, in words for the operator (no errno numbers alone).
public struct RecordingError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        case io
        /// Written in a format newer than this console reads.
        case newer
        /// Not a recording, or damaged beyond its first line.
        case format
    }

    public var kind: Kind
    public var message: String

    public init(_ message: String, kind: Kind = .io) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
