<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pt_BR">
<context>
    <name>CurrentCallPanel</name>
    <message>
        <source>Chamando novamente</source>
        <translation>Chamando novamente</translation>
    </message>
    <message>
        <source>Senha</source>
        <translation>Senha</translation>
    </message>
    <message>
        <source>Aguarde: sua senha aparecerá aqui</source>
        <translation>Aguarde: sua senha aparecerá aqui</translation>
    </message>
</context>
<context>
    <name>HistoryPanel</name>
    <message>
        <source>Últimas chamadas</source>
        <translation>Últimas chamadas</translation>
    </message>
    <message>
        <source>chamada repetida</source>
        <translation>chamada repetida</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>Clinico — painel de chamadas</source>
        <translation>Clinico — painel de chamadas</translation>
    </message>
</context>
<context>
    <name>OfflineSign</name>
    <message>
        <source>Sem conexão</source>
        <translation>Sem conexão</translation>
    </message>
</context>
<context>
    <name>TvApp</name>
    <message>
        <source>token recusado pelo servidor</source>
        <translation>token recusado pelo servidor</translation>
    </message>
    <message>
        <source>servidor ou token não configurado</source>
        <translation>servidor ou token não configurado</translation>
    </message>
</context>
</TS>
