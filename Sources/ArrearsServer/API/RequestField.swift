import ArrearsCore
import Foundation
import Vapor

/// The one place the server reads values from requests (JSON bodies, forms, query strings), each
/// bounded before anything computes with it, so that no value can trap the process
/// (docs/robustness.md). A body's field out of bounds is 422 naming it; a query parameter is 400
/// `invalid_parameter` naming it.
///
/// - dates: `YYYY-MM-DD` within `LocalDate.supportedRange`, or the tighter range the field's
///   meaning demands (`InputDateRules`);
/// - instants: ISO 8601 with an offset, dated within the same range;
/// - amounts: decimal strings up to `DecimalAmount.maxMinorUnits`;
/// - text: at most `maximumTextLength` characters;
/// - list limits from 1 to `maximumLimit`, page numbers from 1 to `maximumPage`.
enum RequestField {
    static let maximumTextLength = 2_000
    static let defaultLimit = 50
    static let maximumLimit = 200
    /// Pages of the back office's lists: far more than anyone pages through, small enough that
    /// an offset computed from it cannot overflow.
    static let maximumPage = 100_000

    /// A required date in `range`; 422 naming `field` when it is missing, malformed or outside.
    static func date(_ text: String?, _ field: String, within range: ClosedRange<LocalDate> = LocalDate.supportedRange) throws -> LocalDate {
        guard let text else { throw APIError.missingField(field) }
        do { return try LocalDate.parse(text, within: range) } catch {
            throw APIError.invalidField(field, "\(field) \(error.description)")
        }
    }

    /// An optional date in `range`: nil when absent or empty, else as `date`.
    static func optionalDate(_ text: String?, _ field: String, within range: ClosedRange<LocalDate> = LocalDate.supportedRange) throws -> LocalDate? {
        guard let text, !text.isEmpty else { return nil }
        return try date(text, field, within: range)
    }

    /// The query parameter `name` as a date: nil when absent or empty, 400 naming it when it is
    /// not a supported date.
    static func queryDate(_ req: Request, _ name: String) throws -> LocalDate? {
        guard let text = req.query[String.self, at: name], !text.isEmpty else { return nil }
        do { return try LocalDate.parse(text) } catch {
            throw APIError.badRequest("invalid_parameter", "\(name) \(error.description)", field: name)
        }
    }

    /// The query parameter `name` as a month `YYYY-MM`, its first day; nil when absent or empty.
    static func queryMonth(_ req: Request, _ name: String) throws -> LocalDate? {
        guard let text = req.query[String.self, at: name], !text.isEmpty else { return nil }
        guard text.utf8.count == 7, let first = try? LocalDate.parse(text + "-01") else {
            throw APIError.badRequest("invalid_parameter", "\(name) must be a month YYYY-MM from \(LocalDate.supportedRange.lowerBound.description.prefix(7)) to \(LocalDate.supportedRange.upperBound.description.prefix(7))", field: name)
        }
        return first
    }

    /// An ISO 8601 instant with its offset, dated within `LocalDate.supportedRange`; now when absent.
    static func instant(_ text: String?, _ field: String) throws -> Date {
        guard let text else { return Date() }
        guard let date = UTCTimestamp.instant(text) else {
            throw APIError.invalidField(field, "\(field) must be an ISO 8601 time with its offset, such as 2026-11-24T10:00:00+08:00, "
                                               + "from \(LocalDate.supportedRange.lowerBound.components.year) to \(LocalDate.supportedRange.upperBound.components.year)")
        }
        return date
    }

    /// A decimal amount in `currency`'s minor units, at most `DecimalAmount.maxMinorUnits`.
    static func amount(_ text: String, _ currency: Currency, _ field: String) throws -> Int64 {
        do { return try DecimalAmount.parse(text, minorDigits: currency.minorDigits) } catch {
            throw APIError.invalidField(field, "\(field) \(error.description)")
        }
    }

    /// A decimal amount with its currency code, both from the request.
    static func amount(_ text: String, currencyCode: String, amountField: String = "amount", currencyField: String = "currency") throws -> Int64 {
        guard let currency = Currency(code: currencyCode) else {
            throw APIError.invalidField(currencyField, "\(currencyField) must be an ISO 4217 code such as CNY")
        }
        return try amount(text, currency, amountField)
    }

    /// Free text (a note, a reason, a name) of at most `maximumLength` characters; nil stays nil.
    static func text(_ value: String?, _ field: String, maximumLength: Int = maximumTextLength) throws -> String? {
        guard let value else { return nil }
        // Counted in Unicode code points, as JSON Schema's `maxLength` in openapi.yaml counts
        // (Swift's `count` counts grapheme clusters: a Thai or Devanagari text with combining
        // marks has fewer of those, and passed a limit the document says it breaks).
        guard value.utf8.count <= maximumLength || value.unicodeScalars.count <= maximumLength else {
            throw APIError.invalidField(field, "\(field) is longer than \(maximumLength) characters")
        }
        return value
    }

    /// A whole number in `range`; 422 naming `field` otherwise.
    static func count(_ value: Int?, _ field: String, within range: ClosedRange<Int>) throws -> Int {
        guard let value else { throw APIError.missingField(field) }
        guard range.contains(value) else {
            throw APIError.invalidField(field, "\(field) must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    /// The query's `limit`, from 1 to `maximumLimit`, `defaultLimit` when absent; 400 naming it otherwise.
    static func limit(_ req: Request) throws -> Int {
        guard let text = req.query[String.self, at: "limit"] else { return defaultLimit }
        guard text.utf8.count <= 10, let limit = Int(text), (1...maximumLimit).contains(limit) else {
            throw APIError.badRequest("invalid_parameter", "limit must be a whole number from 1 to \(maximumLimit)", field: "limit")
        }
        return limit
    }

    /// The query's `page`, from 1 to `maximumPage`, 1 when absent; 400 naming it otherwise.
    static func page(_ req: Request) throws -> Int {
        guard let text = req.query[String.self, at: "page"], !text.isEmpty else { return 1 }
        guard text.utf8.count <= 10, let page = Int(text), (1...maximumPage).contains(page) else {
            throw APIError.badRequest("invalid_parameter", "page must be a whole number from 1 to \(maximumPage)", field: "page")
        }
        return page
    }
}
