<?xml version="1.0" encoding="utf-8"?>
<!-- Shows the Atom feed as a readable page when someone opens /feed.xml in a browser. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:atom="http://www.w3.org/2005/Atom">
  <xsl:output method="html" encoding="utf-8" doctype-system="about:legacy-compat"/>
  <xsl:template match="/atom:feed">
    <html lang="fr">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="atom:title"/> — flux Atom</title>
        <link rel="stylesheet" href="/assets/css/site.css"/>
      </head>
      <body>
        <main id="contenu" class="page">
          <p class="flux-explication">Ceci est un <strong>flux Atom</strong> : copiez son adresse dans votre lecteur de flux pour recevoir les chapitres du zine. Aucun compte, aucun traceur.</p>
          <h1><xsl:value-of select="atom:title"/></h1>
          <p><xsl:value-of select="atom:subtitle"/></p>
          <p><a href="{atom:link[@rel='alternate']/@href}">Lire le zine sur le site</a></p>
          <ol class="sommaire">
            <xsl:for-each select="atom:entry">
              <li>
                <a href="{atom:link/@href}"><xsl:value-of select="atom:title"/></a>
                <p><xsl:value-of select="atom:summary"/></p>
              </li>
            </xsl:for-each>
          </ol>
        </main>
      </body>
    </html>
  </xsl:template>
</xsl:stylesheet>
