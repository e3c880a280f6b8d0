import ArrearsCore
import Vapor

/// The reader's language, for the pages' words (`Catalogue`). The language comes from `?lang=`, then the
/// `lang` cookie, then `Accept-Language`; Chinese is the default.
struct Localizer: Sendable {
    let language: Language

    init(language: Language) { self.language = language }

    init(request: Request) {
        // The query and the cookies are parsed only when they name `lang`: Vapor parses them
        // afresh for every request that asks.
        if request.url.query?.contains("lang=") == true, let query = request.query[String.self, at: "lang"],
           let language = Language(rawValue: query) {
            self.language = language
        } else if request.headers.first(name: .cookie)?.contains("lang=") == true,
                  let cookie = request.cookies["lang"]?.string, let language = Language(rawValue: cookie) {
            self.language = language
        } else if let accept = request.headers.first(name: .acceptLanguage), accept.lowercased().hasPrefix("en") {
            self.language = .en
        } else {
            self.language = .default
        }
    }

    /// The words for `key` (`Words`' subscript: a missing key is noted, never a crash).
    subscript(_ key: String) -> String { Words(language)[key] }

    /// Every word a page needs, the language's `Catalogue`, for the page to read as `t["key"]` (`Words`).
    var table: [String: String] { Catalogue.table(language) }
}
