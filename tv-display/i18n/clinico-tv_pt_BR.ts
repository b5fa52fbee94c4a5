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
    <name>EnrolmentScreen</name>
    <message>
        <source>TV registrada.</source>
        <translation>TV registrada.</translation>
    </message>
    <message>
        <source>Totem registrado.</source>
        <translation>Totem registrado.</translation>
    </message>
    <message>
        <source>Clinico — registro do aparelho</source>
        <translation>Clinico — registro do aparelho</translation>
    </message>
    <message>
        <source>Esta TV ainda não está registrada.</source>
        <translation>Esta TV ainda não está registrada.</translation>
    </message>
    <message>
        <source>Este totem ainda não está registrado.</source>
        <translation>Este totem ainda não está registrado.</translation>
    </message>
    <message>
        <source>Peça à equipe de TI para digitar este código no console:</source>
        <translation>Peça à equipe de TI para digitar este código no console:</translation>
    </message>
    <message>
        <source>Pedindo um código ao servidor %1…</source>
        <translation>Pedindo um código ao servidor %1…</translation>
    </message>
    <message>
        <source>O servidor %1 não respondeu (%2). Tentando de novo…</source>
        <translation>O servidor %1 não respondeu (%2). Tentando de novo…</translation>
    </message>
    <message>
        <source>O registro foi recusado no console. Um código novo aparece em instantes.</source>
        <translation>O registro foi recusado no console. Um código novo aparece em instantes.</translation>
    </message>
    <message>
        <source>Registrado como “%1”. Iniciando…</source>
        <translation>Registrado como “%1”. Iniciando…</translation>
    </message>
    <message>
        <source>No console (%1/desk/): Administração → Registrar aparelho por código. O código vale 15 minutos; depois aparece outro sozinho.</source>
        <translation>No console (%1/desk/): Administração → Registrar aparelho por código. O código vale 15 minutos; depois aparece outro sozinho.</translation>
    </message>
    <message>
        <source>Nome deste aparelho na rede: %1</source>
        <translation>Nome deste aparelho na rede: %1</translation>
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
