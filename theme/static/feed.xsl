<?xml version="1.0" encoding="UTF-8"?>
<!--
  A feed opened in a browser, shown as a page: what a feed is, the address to
  copy into a feed reader, and the feed's stories. One stylesheet for RSS 2.0
  and Atom; the feeds link it with an xml-stylesheet processing instruction
  (generator/feeds.py). XSLT 1.0, as browsers run it.

  The site's stylesheet and icon sit beside this file in the theme folder, so
  their addresses come from this file's own address, which the processing
  instruction gives: a root-relative address that works under a SITEURL with
  a path (GitHub Pages' /repo/) and on the preview server alike.

  Item summaries are HTML escaped in the feed; they are shown as plain text
  (tags dropped, the usual entities decoded), never with
  disable-output-escaping, which Firefox does not support. So the page holds
  no markup and no script of the feed's, and it has no Content-Security-Policy
  like the site's pages: Chromium puts a notice that XSLT is going away into
  the page, and that policy would leave it unstyled and impossible to close.
-->
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:atom="http://www.w3.org/2005/Atom"
  exclude-result-prefixes="atom">

  <xsl:output method="html" encoding="UTF-8" indent="yes" doctype-system="about:legacy-compat"/>

  <xsl:variable name="stylesheet-pi" select="/processing-instruction('xml-stylesheet')"/>
  <xsl:variable name="stylesheet-href" select="substring-before(substring-after($stylesheet-pi, 'href=&quot;'), '&quot;')"/>
  <xsl:variable name="theme" select="substring-before($stylesheet-href, 'feed.xsl')"/>

  <xsl:template match="/">
    <xsl:apply-templates select="rss/channel | atom:feed"/>
  </xsl:template>

  <xsl:template match="channel">
    <xsl:call-template name="page">
      <xsl:with-param name="title" select="title"/>
      <xsl:with-param name="description" select="description"/>
      <xsl:with-param name="address" select="atom:link[@rel = 'self']/@href"/>
      <xsl:with-param name="web-page" select="link"/>
      <xsl:with-param name="lang" select="language"/>
      <xsl:with-param name="items" select="item"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="atom:feed">
    <xsl:call-template name="page">
      <xsl:with-param name="title" select="atom:title"/>
      <xsl:with-param name="description" select="atom:subtitle"/>
      <xsl:with-param name="address" select="atom:link[@rel = 'self']/@href"/>
      <xsl:with-param name="web-page" select="atom:link[@rel = 'alternate']/@href"/>
      <xsl:with-param name="lang" select="@xml:lang"/>
      <xsl:with-param name="items" select="atom:entry"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="page">
    <xsl:param name="title"/>
    <xsl:param name="description"/>
    <xsl:param name="address"/>
    <xsl:param name="web-page"/>
    <xsl:param name="lang"/>
    <xsl:param name="items"/>
    <html lang="{$lang}">
      <xsl:if test="not(string($lang))">
        <xsl:attribute name="lang">en</xsl:attribute>
      </xsl:if>
      <!-- No <meta charset>: the html output method writes its own. -->
      <head>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="color-scheme" content="light dark"/>
        <meta name="robots" content="noindex"/>
        <title><xsl:value-of select="$title"/> (feed)</title>
        <xsl:if test="$theme">
          <link rel="icon" href="{$theme}favicon.svg" type="image/svg+xml"/>
          <link rel="stylesheet" href="{$theme}css/site.css"/>
        </xsl:if>
      </head>
      <body>
        <main id="main">
          <div class="notice">
            <p><strong>This is a feed.</strong> Copy this page's address into your feed reader to follow it:</p>
            <p><code><xsl:value-of select="$address"/></code></p>
            <p>A feed reader (for example Feedly, NetNewsWire, Thunderbird or newsboat) shows new stories as soon as they are published. You can also <a href="{$web-page}">read these stories on the website</a>.</p>
          </div>
          <h1><xsl:value-of select="$title"/></h1>
          <xsl:if test="string($description) != string($title)">
            <p class="meta"><xsl:value-of select="$description"/></p>
          </xsl:if>
          <xsl:apply-templates select="$items"/>
        </main>
      </body>
    </html>
  </xsl:template>

  <xsl:template match="item">
    <xsl:call-template name="story">
      <xsl:with-param name="headline" select="title"/>
      <xsl:with-param name="link" select="link"/>
      <xsl:with-param name="summary" select="description"/>
      <xsl:with-param name="day">
        <xsl:call-template name="rfc822-day">
          <xsl:with-param name="date" select="pubDate"/>
        </xsl:call-template>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="atom:entry">
    <xsl:call-template name="story">
      <xsl:with-param name="headline" select="atom:title"/>
      <xsl:with-param name="link" select="atom:link[not(@rel) or @rel = 'alternate']/@href"/>
      <xsl:with-param name="summary" select="atom:summary"/>
      <xsl:with-param name="day" select="substring(atom:published | atom:updated[not(../atom:published)], 1, 10)"/>
    </xsl:call-template>
  </xsl:template>

  <!-- One story, as the site's cards show it. -->
  <xsl:template name="story">
    <xsl:param name="headline"/>
    <xsl:param name="link"/>
    <xsl:param name="summary"/>
    <xsl:param name="day"/>
    <article class="card">
      <h2><a href="{$link}"><xsl:value-of select="$headline"/></a></h2>
      <xsl:if test="string-length($day) = 10">
        <p class="meta">
          <time datetime="{$day}">
            <xsl:value-of select="number(substring($day, 9, 2))"/>
            <xsl:text> </xsl:text>
            <xsl:call-template name="month-name">
              <xsl:with-param name="number" select="number(substring($day, 6, 2))"/>
            </xsl:call-template>
            <xsl:text> </xsl:text>
            <xsl:value-of select="substring($day, 1, 4)"/>
          </time>
        </p>
      </xsl:if>
      <xsl:variable name="text">
        <xsl:call-template name="plain-text">
          <xsl:with-param name="html" select="$summary"/>
        </xsl:call-template>
      </xsl:variable>
      <xsl:if test="normalize-space($text) != normalize-space($headline)">
        <p><xsl:value-of select="normalize-space($text)"/></p>
      </xsl:if>
    </article>
  </xsl:template>

  <!-- "Sat, 01 Mar 2025 09:00:00 +0000" (RFC 822, as RSS dates are) to "2025-03-01". -->
  <xsl:template name="rfc822-day">
    <xsl:param name="date"/>
    <xsl:variable name="parts" select="normalize-space(substring-after($date, ','))"/>
    <xsl:variable name="day" select="substring-before($parts, ' ')"/>
    <xsl:variable name="month" select="substring(substring-after($parts, ' '), 1, 3)"/>
    <xsl:variable name="year" select="substring(substring-after(substring-after($parts, ' '), ' '), 1, 4)"/>
    <xsl:variable name="index" select="string-length(substring-before('JanFebMarAprMayJunJulAugSepOctNovDec', $month)) div 3 + 1"/>
    <xsl:if test="$month and contains('JanFebMarAprMayJunJulAugSepOctNovDec', $month)">
      <xsl:value-of select="concat($year, '-', format-number($index, '00'), '-', format-number($day, '00'))"/>
    </xsl:if>
  </xsl:template>

  <!-- The site's dates name the month in full (DEFAULT_DATE_FORMAT). -->
  <xsl:template name="month-name">
    <xsl:param name="number"/>
    <xsl:choose>
      <xsl:when test="$number = 1">January</xsl:when>
      <xsl:when test="$number = 2">February</xsl:when>
      <xsl:when test="$number = 3">March</xsl:when>
      <xsl:when test="$number = 4">April</xsl:when>
      <xsl:when test="$number = 5">May</xsl:when>
      <xsl:when test="$number = 6">June</xsl:when>
      <xsl:when test="$number = 7">July</xsl:when>
      <xsl:when test="$number = 8">August</xsl:when>
      <xsl:when test="$number = 9">September</xsl:when>
      <xsl:when test="$number = 10">October</xsl:when>
      <xsl:when test="$number = 11">November</xsl:when>
      <xsl:when test="$number = 12">December</xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- Escaped HTML as text: every tag dropped, then the entities decoded. -->
  <xsl:template name="plain-text">
    <xsl:param name="html"/>
    <xsl:choose>
      <xsl:when test="contains($html, '&lt;') and contains(substring-after($html, '&lt;'), '&gt;')">
        <xsl:call-template name="decode-entities">
          <xsl:with-param name="text" select="substring-before($html, '&lt;')"/>
        </xsl:call-template>
        <xsl:call-template name="plain-text">
          <xsl:with-param name="html" select="substring-after(substring-after($html, '&lt;'), '&gt;')"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="decode-entities">
          <xsl:with-param name="text" select="$html"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The entities Python-Markdown and html.escape write; "&amp;" last, so
       that "&amp;lt;" stays the text "&lt;". -->
  <xsl:template name="decode-entities">
    <xsl:param name="text"/>
    <xsl:call-template name="replace">
      <xsl:with-param name="from" select="'&amp;amp;'"/>
      <xsl:with-param name="to" select="'&amp;'"/>
      <xsl:with-param name="text">
        <xsl:call-template name="replace">
          <xsl:with-param name="from" select="'&amp;lt;'"/>
          <xsl:with-param name="to" select="'&lt;'"/>
          <xsl:with-param name="text">
            <xsl:call-template name="replace">
              <xsl:with-param name="from" select="'&amp;gt;'"/>
              <xsl:with-param name="to" select="'&gt;'"/>
              <xsl:with-param name="text">
                <xsl:call-template name="replace">
                  <xsl:with-param name="from" select="'&amp;quot;'"/>
                  <xsl:with-param name="to" select="'&quot;'"/>
                  <xsl:with-param name="text">
                    <xsl:call-template name="replace">
                      <xsl:with-param name="from" select="'&amp;#x27;'"/>
                      <xsl:with-param name="to">'</xsl:with-param>
                      <xsl:with-param name="text">
                        <xsl:call-template name="replace">
                          <xsl:with-param name="from" select="'&amp;#39;'"/>
                          <xsl:with-param name="to">'</xsl:with-param>
                          <xsl:with-param name="text" select="$text"/>
                        </xsl:call-template>
                      </xsl:with-param>
                    </xsl:call-template>
                  </xsl:with-param>
                </xsl:call-template>
              </xsl:with-param>
            </xsl:call-template>
          </xsl:with-param>
        </xsl:call-template>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="replace">
    <xsl:param name="text"/>
    <xsl:param name="from"/>
    <xsl:param name="to"/>
    <xsl:choose>
      <xsl:when test="contains($text, $from)">
        <xsl:value-of select="concat(substring-before($text, $from), $to)"/>
        <xsl:call-template name="replace">
          <xsl:with-param name="text" select="substring-after($text, $from)"/>
          <xsl:with-param name="from" select="$from"/>
          <xsl:with-param name="to" select="$to"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="$text"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
