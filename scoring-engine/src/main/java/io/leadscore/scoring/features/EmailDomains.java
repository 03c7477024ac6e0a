package io.leadscore.scoring.features;

/**
 * Whether an email address is at a free-mail provider: a consumer address on a
 * B2B form is a weaker lead than a company one. Only the domain is looked at;
 * the address is neither copied nor kept (it is personal data).
 *
 * <p>The list is part of what the {@code email_domain:free_mail} feature means: a model trained with it
 * is scored with it, so entries are added with care (a changed list shifts old models' inputs slightly).
 * It holds the large consumer providers worldwide and their country variants.
 */
final class EmailDomains {
    private static final String[] FREE_MAIL = {
            "gmail.com", "googlemail.com",
            "yahoo.com", "yahoo.co.uk", "yahoo.co.in", "yahoo.co.jp", "yahoo.fr", "yahoo.de", "yahoo.es", "yahoo.it",
            "yahoo.com.br", "ymail.com", "rocketmail.com",
            "hotmail.com", "hotmail.co.uk", "hotmail.fr", "hotmail.de", "hotmail.es", "hotmail.it",
            "outlook.com", "outlook.de", "outlook.fr", "live.com", "live.co.uk", "live.de", "live.fr", "msn.com",
            "aol.com", "icloud.com", "me.com", "mac.com",
            "gmx.de", "gmx.net", "gmx.com", "gmx.at", "gmx.ch", "web.de", "t-online.de", "freenet.de",
            "mail.com", "email.com", "protonmail.com", "proton.me", "pm.me", "tutanota.com", "fastmail.com",
            "zoho.com", "yandex.ru", "yandex.com", "mail.ru", "rambler.ru", "bk.ru", "inbox.ru", "list.ru",
            "qq.com", "163.com", "126.com", "sina.com", "naver.com", "daum.net", "hanmail.net",
            "orange.fr", "wanadoo.fr", "free.fr", "laposte.net", "sfr.fr", "libero.it", "virgilio.it", "tiscali.it",
            "seznam.cz", "wp.pl", "o2.pl", "interia.pl", "onet.pl", "rediffmail.com", "uol.com.br", "bol.com.br",
            "comcast.net", "verizon.net", "att.net", "sbcglobal.net", "btinternet.com", "sky.com", "bigpond.com"};

    private EmailDomains() {
    }

    /** The start of the domain (after the last {@code @}), or -1 when there is no usable domain. */
    static int domainStart(String email) {
        if (email == null) {
            return -1;
        }
        int at = email.lastIndexOf('@');
        if (at <= 0) {
            return -1;
        }
        int start = at + 1;
        int end = trimmedEnd(email);
        return end - start >= 3 && email.indexOf('.', start) > start && email.indexOf('.', start) < end - 1 ? start : -1;
    }

    /** Whether the domain starting at {@code start} is a free-mail provider, ignoring case; never allocates. */
    static boolean isFreeMail(String email, int start) {
        int end = trimmedEnd(email);
        int length = end - start;
        for (String domain : FREE_MAIL) {
            if (domain.length() == length && email.regionMatches(true, start, domain, 0, length)) {
                return true;
            }
        }
        return false;
    }

    private static int trimmedEnd(String s) {
        int end = s.length();
        while (end > 0 && Text.isSpace(s.charAt(end - 1))) {
            end--;
        }
        return end;
    }
}
