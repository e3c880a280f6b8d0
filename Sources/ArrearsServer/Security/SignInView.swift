/// The sign-in form (`/login`): username and password, the page to go back to, and the reason
/// the last attempt failed.
enum SignInView {
    static func page(_ page: SignInController.Page) -> HTML {
        let t = Words(table: page.t)
        let layout = Layout.signedOut(t["sign_in"], words: t, language: page.lang, languageSwitch: page.languageLink)
        return layout.page("""
              <form id="sign-in" class="sign-in" method="post" action="/login?lang=\(page.lang)">
                <h1>\(t["sign_in"])</h1>
                \(page.message.map { "<p class=\"error\" id=\"sign-in-error\" role=\"alert\">\($0)</p>" as HTML } ?? "")
                <input type="hidden" name="csrf_token" value="\(page.csrfToken)">
                <input type="hidden" name="next" value="\(page.next)">
                <label for="username">\(t["username"])</label>
                <input id="username" name="username" type="text" value="\(page.username)" autocomplete="username" autocapitalize="none" spellcheck="false" required autofocus>
                <label for="password">\(t["password"])</label>
                <input id="password" name="password" type="password" autocomplete="current-password" required>
                <button type="submit">\(t["sign_in"])</button>
              </form>
            """)
    }
}
