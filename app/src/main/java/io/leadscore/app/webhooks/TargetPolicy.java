package io.leadscore.app.webhooks;

import io.leadscore.scoring.domain.Printable;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * What a webhook may point at, and what its secret may be. Every URL is an
 * absolute {@code http} or {@code https} URL with a host, no credentials and no
 * fragment, at most {@value #MAX_URL} characters. A subscriber added over the
 * API, unless {@code allow-private-addresses} is set, must also point at a
 * public address: not {@code localhost} nor a name under {@code .localhost},
 * {@code .local} or {@code .internal}, and no address it resolves to may be
 * loopback, private (RFC 1918, RFC 6598 shared, IPv6 unique-local),
 * link-local (which holds cloud metadata services), unspecified or multicast.
 * Otherwise an admin's session (or a stolen one) could make the server post
 * to services only it can reach. The same check runs again before each
 * delivery ({@link #refusal}), since a name may resolve elsewhere later.
 * Subscribers of the config file are the operator's and may point anywhere.
 */
public final class TargetPolicy {
    public static final int MAX_URL = 2048;
    public static final int MIN_SECRET = 16;
    public static final int MAX_SECRET = 256;

    /** Looks up the addresses of a host name. */
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final boolean allowPrivate;
    private final Resolver resolver;

    public TargetPolicy(boolean allowPrivate, Resolver resolver) {
        this.allowPrivate = allowPrivate;
        this.resolver = resolver;
    }

    public boolean allowsPrivate() {
        return allowPrivate;
    }

    /**
     * @param configured whether it comes from the config file (then any address goes)
     * @return the URL
     * @throws IllegalArgumentException saying what is wrong with it
     */
    public URI checkUrl(String text, boolean configured) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("no url, expected an http or https URL");
        }
        String url = text.strip();
        if (url.length() > MAX_URL) {
            throw new IllegalArgumentException("the url is " + url.length() + " characters long, expected at most " + MAX_URL);
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + shown(url) + "' is not a URL: " + Printable.of(e.getReason()));
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("'" + shown(url) + "' is not an http or https URL");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("'" + shown(url) + "' has no host name");
        }
        if (uri.getPort() > 65_535) {
            throw new IllegalArgumentException("'" + shown(url) + "' has port " + uri.getPort() + ", expected 1 to 65535");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("'" + shown(url.replace(uri.getRawUserInfo(), "***"))
                    + "' carries credentials; the secret authenticates deliveries, keep credentials out of URLs");
        }
        if (uri.getRawFragment() != null) {
            throw new IllegalArgumentException("'" + shown(url) + "' has a fragment (#...), which is never sent");
        }
        if (!configured && !allowPrivate) {
            refusal(uri).ifPresent(why -> {
                throw new IllegalArgumentException(why);
            });
        }
        return normal(uri);
    }

    /**
     * The one spelling of an address, so that one receiver is one subscriber: the scheme and host in lower case
     * (neither is case-sensitive), no default port, an empty path as {@code /}. The path and query stay as written.
     */
    public static URI normal(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        if (port == 443 && scheme.equals("https") || port == 80 && scheme.equals("http")) {
            port = -1;
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return URI.create(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (port < 0 ? "" : ":" + port) + path
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
    }

    /**
     * Why a delivery to {@code uri} of a subscriber added over the API is refused now, or empty when it may go. A
     * name that does not resolve goes: sending it fails on its own.
     */
    public Optional<String> refusal(URI uri) {
        if (allowPrivate) {
            return Optional.empty();
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.equals("localhost") || host.endsWith(".localhost") || host.endsWith(".local")
                || host.endsWith(".internal")) {
            return Optional.of(notPublic(uri, "names a local host"));
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
        for (InetAddress address : addresses) {
            String kind = privateKind(address);
            if (kind != null) {
                return Optional.of(notPublic(uri, "points to " + kind + " address " + address.getHostAddress()));
            }
        }
        return Optional.empty();
    }

    /**
     * @throws IllegalArgumentException when the secret is missing, shorter than {@value #MIN_SECRET} or longer than
     *                                  {@value #MAX_SECRET} characters, or holds control characters
     */
    public static void checkSecret(String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("no secret, expected " + MIN_SECRET + " to " + MAX_SECRET
                    + " characters that sign the deliveries (e.g. from 'openssl rand -hex 32')");
        }
        if (secret.length() < MIN_SECRET || secret.length() > MAX_SECRET) {
            throw new IllegalArgumentException("the secret is " + secret.length() + " characters long, expected "
                    + MIN_SECRET + " to " + MAX_SECRET);
        }
        for (int i = 0; i < secret.length(); i++) {
            if (Character.isISOControl(secret.charAt(i))) {
                throw new IllegalArgumentException("the secret holds a control character at position " + (i + 1)
                        + ", expected printable characters");
            }
        }
    }

    private static String notPublic(URI uri, String what) {
        return "'" + shown(uri.toString()) + "' " + what + "; webhooks added over the API go to public addresses only"
                + " (leadscore.webhook-delivery.allow-private-addresses: true lifts this, or list it under"
                + " leadscore.webhooks in the config file)";
    }

    /** The kind of non-public address, or {@code null} for a public one. */
    static String privateKind(InetAddress address) {
        if (address.isLoopbackAddress()) {
            return "the loopback";
        }
        if (address.isAnyLocalAddress()) {
            return "the unspecified";
        }
        if (address.isLinkLocalAddress()) {
            return "a link-local";
        }
        if (address.isSiteLocalAddress()) {
            return "a private";
        }
        if (address.isMulticastAddress()) {
            return "a multicast";
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if (first == 0) {
                return "a 'this network'";
            }
            if (first == 100 && second >= 64 && second <= 127) {
                return "a shared (carrier-grade NAT)";
            }
            if (first >= 240) {
                return "a reserved";
            }
        } else if (address instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) {
                return "a unique-local";
            }
            if (isMappedV4(b)) {
                try {
                    byte[] v4 = {b[12], b[13], b[14], b[15]};
                    return privateKind(InetAddress.getByAddress(v4));
                } catch (UnknownHostException e) {
                    return "an unreadable";
                }
            }
        }
        return null;
    }

    private static boolean isMappedV4(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }

    private static String shown(String url) {
        return Printable.of(url.length() > 120 ? url.substring(0, 120) + "..." : url);
    }
}
