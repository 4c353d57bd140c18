import ArgumentParser

/// `sentry-console themes`: the themes `--theme NAME` can name, each with the file it comes from.
struct Themes: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the themes --theme can name, with their paths (the user's directory first).")

    func run() throws {
        let themes = ThemeLoader.available()
        let width = themes.map(\.name.count).max() ?? 0
        for t in themes { print(t.name.padding(toLength: width + 2, withPad: " ", startingAt: 0) + t.path) }
    }
}
