import ArrearsCore
import ArrearsStore

/// A form shown again after a refusal, the one way every page form does it: what was typed is in
/// its fields again, and the error sits beside the field it is about (`<p class="field-error"
/// id="error-FORM-FIELD">`, the field `aria-invalid` and described by it), in the page's language.
///
/// A page holds one `PageForm` for the form that was posted (`form`: `promise`, `attempt`, or a
/// row's form such as `end:FLAG-…`); every other form on the page is blank.
struct PageForm: Sendable {
    /// Which form the values and errors belong to.
    var form: String?
    /// What was typed, by field name (a list, such as ticked boxes, joined by commas).
    var values: [String: String] = [:]
    /// The error of each field, in the page's language.
    var errors: [String: String] = [:]

    static let none = PageForm()

    /// The refusal `error` of `form`, with `values`, the error beside `error.field` (or `fallback`
    /// when the API names no field, as for a customer not found, or one that is not among the
    /// form's `fields`, as for a limit the terms went beyond).
    init(form: String? = nil, values: [String: String] = [:], error: APIError? = nil, fallback: String = "", fields: [String]? = nil,
         words t: Words = Words(table: [:]), language: Language = .en) {
        self.form = form
        self.values = values
        if let error {
            let named = error.field.flatMap { field in fields.map { $0.contains(field) } ?? true ? field : nil }
            errors[named ?? fallback] = ComplianceWords.refusal(error, t, language: language)
        }
    }

    /// `message` beside `field` of `form`, with `values`: a refusal the page's own rules made.
    init(form: String, values: [String: String], field: String, message: String) {
        self.form = form
        self.values = values
        errors[field] = message
    }

    /// A refusal that names its field in the workflows' way (`OutcomeError`, `ContactRecordError`:
    /// `field: message`): beside that field, in English as said, in Chinese in the catalogue's
    /// words for a missing or invalid field.
    init(form: String, values: [String: String], field: String, message: String, missing: Bool, words t: Words, language: Language) {
        self.init(form: form, values: values, field: field,
                  message: language == .en ? message : t[missing ? "cp_err_missing_field" : "cp_err_invalid_field"])
    }

    /// True when `form` was posted and refused.
    func isRefused(_ form: String) -> Bool { self.form == form && !errors.isEmpty }

    /// The value typed into `field` of `form`, or `otherwise`.
    func value(_ field: String, of form: String, otherwise: String = "") -> String {
        self.form == form ? values[field] ?? otherwise : otherwise
    }

    /// ` selected` when `option` was chosen for `field` of `form`.
    func selected(_ field: String, _ option: String, of form: String) -> HTML {
        value(field, of: form) == option ? " selected" : ""
    }

    /// ` checked` when `option` was ticked among `field`'s boxes of `form`.
    func checked(_ field: String, _ option: String, of form: String) -> HTML {
        value(field, of: form).split(separator: ",").contains { $0 == option } ? " checked" : ""
    }

    /// The error beside `field` of `form` (`<p class="field-error" id="error-FORM-FIELD">`), or nothing.
    func error(_ field: String, of form: String) -> HTML {
        guard self.form == form, let message = errors[field] else { return "" }
        return "<p class=\"error field-error\" id=\"\(Self.errorId(field, of: form))\" role=\"alert\">\(message)</p>"
    }

    /// `aria-invalid` and `aria-describedby` for a field with an error.
    func invalid(_ field: String, of form: String) -> HTML {
        self.form == form && errors[field] != nil ? " aria-invalid=\"true\" aria-describedby=\"\(Self.errorId(field, of: form))\"" : ""
    }

    /// A labelled `<input>` of `form` holding what was typed into it, with its error beside it;
    /// `attributes` are the input's others (` type="date" required`).
    func input(_ name: String, label: String, of form: String, attributes: HTML = "") -> HTML {
        """
        <label>\(label) <input name="\(name)" value="\(value(name, of: form))"\(attributes)\(invalid(name, of: form))></label>\(error(name, of: form))
        """
    }

    /// The first error of `form` as a line at the top of the page that leads to its field, for
    /// someone who does not see the field; nothing when `form` was not refused.
    func summary(of form: String, heading: String, id: String = "form-error") -> HTML {
        guard self.form == form, let (field, message) = errors.sorted(by: { $0.key < $1.key }).first else { return "" }
        return "<p class=\"notice error-summary\" id=\"\(id)\" role=\"alert\">\(heading): <a href=\"#\(Self.errorId(field, of: form))\">\(message)</a></p>"
    }

    /// The id of `field`'s error in `form`.
    static func errorId(_ field: String, of form: String) -> String {
        "error-\(slug(form))-\(field)"
    }

    /// `form` as an id: letters, digits and `-`.
    static func slug(_ form: String) -> String {
        String(form.map { $0.isLetter || $0.isNumber ? $0 : "-" })
    }
}
