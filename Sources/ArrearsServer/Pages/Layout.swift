import ArrearsCore

/// The one page every view is written into: the document's head (charset, viewport, title,
/// stylesheet), the header with the product name, the menu of the signed-in user's role
/// (`nav#menu`), the switch to the other language and, for a signed-in user, the sign-out form;
/// then the view's body in `<main>`.
///
/// Pages for people who are not signed in (sign-in, the customer's self-service and rating
/// pages, error pages) have no sign-out form; a document to print (a demand letter) has no
/// header at all.
struct Layout: Sendable {
    struct Link: Sendable {
        let href: String
        let label: String
    }

    struct Header: Sendable {
        /// Where the product name leads; nil for the name alone.
        var home: String?
        /// The role's pages (`RoleMenu`), after the product name; none for people not signed in.
        var menu: [Link] = []
        /// The same page in the other language; nil for none.
        var languageSwitch: Link?
        /// The session's CSRF token for the sign-out form; nil on pages for people who are not
        /// signed in.
        var signOutToken: String?
    }

    /// The whole `<title>`.
    let title: String
    /// `<html lang>`: `zh-CN` or `en`, the language the words are in.
    let language: String
    var stylesheet = "/css/arrears.css"
    /// The product name, the sign-out button and the language switch's label come from it.
    let words: Words
    let header: Header?

    /// A signed-in user's page: `title · Arrears`, the product name leading to the role's home
    /// in the same language, the role's menu (`RoleMenu`: exactly the pages the role may open),
    /// the language switch (by default this page with `?lang=`), and the sign-out form.
    static func signedIn(_ title: String, words t: Words, language: String, csrfToken: String, role: Role,
                         languageSwitch: String? = nil) -> Layout {
        Layout(title: "\(title) · Arrears", language: language, words: t,
               header: Header(home: "\(RoleMenu.home(of: role) ?? "/")?lang=\(language)", menu: RoleMenu.links(for: role, words: t, language: language),
                              languageSwitch: Link(href: languageSwitch ?? "?lang=\(t["switch_language_code"])", label: t["switch_language"]),
                              signOutToken: csrfToken))
    }

    /// A page for someone who is not signed in (the sign-in form, a customer's page from a
    /// link): `title · Arrears`, the product name and the language switch to `languageSwitch`.
    static func signedOut(_ title: String, words t: Words, language: String, languageSwitch: String) -> Layout {
        Layout(title: "\(title) · Arrears", language: language, words: t,
               header: Header(languageSwitch: Link(href: languageSwitch, label: t["switch_language"])))
    }

    /// The page: head, header, and `body` in `<main>` (with `class` `mainClass`).
    func page(mainClass: String? = nil, _ body: HTML) -> HTML {
        """
        <!doctype html>
        <html lang="\(language)">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>\(title)</title>
          <link rel="stylesheet" href="\(stylesheet)">
        </head>
        <body>
        \(header.map(headerHTML) ?? "")<main\(mainClass.map { " class=\"\($0)\"" as HTML } ?? "")>
        \(body)
        </main>
        </body>
        </html>

        """
    }

    private func headerHTML(_ header: Header) -> HTML {
        let name: HTML = header.home.map { "<a href=\"\($0)\">\(words["product_name"])</a>" } ?? "\(words["product_name"])"
        let menu: HTML = header.menu.isEmpty ? "" : "  <nav class=\"menu\" id=\"menu\" aria-label=\"\(words["menu"])\">\(HTML.each(header.menu) { "<a href=\"\($0.href)\">\($0.label)</a>" })</nav>\n"
        let language: HTML = header.languageSwitch.map { "<a class=\"lang\" href=\"\($0.href)\">\($0.label)</a>" } ?? ""
        let signOut: HTML = header.signOutToken.map { token in
            """
            <form class="sign-out" method="post" action="/logout"><input type="hidden" name="csrf_token" value="\(token)"><button type="submit">\(words["sign_out"])</button></form>
            """
        } ?? ""
        return """
            <header>
              <strong>\(name)</strong>
            \(menu)  \(language)\(signOut)
            </header>

            """
    }
}
