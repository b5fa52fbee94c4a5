<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="pt_BR">
<context>
    <name>AppointmentScreen</name>
    <message>
        <location filename="../../qml/totem/AppointmentScreen.qml" line="35"/>
        <source>Confirmar chegada</source>
        <translation>Confirm arrival</translation>
    </message>
    <message>
        <location filename="../../qml/totem/AppointmentScreen.qml" line="44"/>
        <source>Pegar senha para outro serviço</source>
        <translation>Get a ticket for another service</translation>
    </message>
    <message>
        <location filename="../../qml/totem/AppointmentScreen.qml" line="56"/>
        <source>Voltar</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../qml/totem/AppointmentScreen.qml" line="56"/>
        <source>Entendi</source>
        <translation>Got it</translation>
    </message>
</context>
<context>
    <name>CpfScreen</name>
    <message>
        <location filename="../../qml/totem/CpfScreen.qml" line="21"/>
        <source>Digite seu CPF</source>
        <translation>Enter your CPF</translation>
    </message>
    <message>
        <location filename="../../qml/totem/CpfScreen.qml" line="22"/>
        <source>para retirar sua senha</source>
        <translation>to get your ticket</translation>
    </message>
    <message>
        <location filename="../../qml/totem/CpfScreen.qml" line="77"/>
        <source>Só os números. Seu CPF não aparece na senha nem na TV.</source>
        <translation>Numbers only. Your CPF is never shown on the ticket or the TV.</translation>
    </message>
    <message>
        <location filename="../../qml/totem/CpfScreen.qml" line="99"/>
        <source>Desligar instruções faladas</source>
        <translation>Turn off spoken instructions</translation>
    </message>
    <message>
        <location filename="../../qml/totem/CpfScreen.qml" line="99"/>
        <source>Ouvir instruções</source>
        <translation>Listen to instructions</translation>
    </message>
    <message>
        <location filename="../../qml/totem/CpfScreen.qml" line="129"/>
        <source>Voltar às letras normais</source>
        <translation>Back to normal text</translation>
    </message>
    <message>
        <location filename="../../qml/totem/CpfScreen.qml" line="129"/>
        <source>Letras grandes e alto contraste</source>
        <translation>Large text and high contrast</translation>
    </message>
</context>
<context>
    <name>EnrolmentScreen</name>
    <message>
        <location filename="../../qml/common/EnrolmentScreen.qml" line="41"/>
        <source>TV registrada.</source>
        <translation>TV enrolled.</translation>
    </message>
    <message>
        <location filename="../../qml/common/EnrolmentScreen.qml" line="41"/>
        <source>Totem registrado.</source>
        <translation>Kiosk enrolled.</translation>
    </message>
    <message>
        <location filename="../../qml/common/EnrolmentScreen.qml" line="23"/>
        <source>Clinico — registro do aparelho</source>
        <translation>Clinico — device enrolment</translation>
    </message>
    <message>
        <location filename="../../qml/common/EnrolmentScreen.qml" line="42"/>
        <source>Esta TV ainda não está registrada.</source>
        <translation>This TV is not enrolled yet.</translation>
    </message>
    <message>
        <location filename="../../qml/common/EnrolmentScreen.qml" line="43"/>
        <source>Este totem ainda não está registrado.</source>
        <translation>This kiosk is not enrolled yet.</translation>
    </message>
    <message>
        <location filename="../../qml/common/EnrolmentScreen.qml" line="51"/>
        <source>Peça à equipe de TI para digitar este código no console:</source>
        <translation>Ask the IT team to type this code into the console:</translation>
    </message>
    <message>
        <location filename="../../qml/common/EnrolmentScreen.qml" line="76"/>
        <source>Pedindo um código ao servidor %1…</source>
        <translation>Asking the server %1 for a code…</translation>
    </message>
    <message>
        <location filename="../../qml/common/EnrolmentScreen.qml" line="77"/>
        <source>O servidor %1 não respondeu (%2). Tentando de novo…</source>
        <translation>The server %1 did not answer (%2). Trying again…</translation>
    </message>
    <message>
        <location filename="../../qml/common/EnrolmentScreen.qml" line="79"/>
        <source>O registro foi recusado no console. Um código novo aparece em instantes.</source>
        <translation>The enrolment was refused in the console. A new code appears in a moment.</translation>
    </message>
    <message>
        <location filename="../../qml/common/EnrolmentScreen.qml" line="80"/>
        <source>Registrado como “%1”. Iniciando…</source>
        <translation>Enrolled as “%1”. Starting…</translation>
    </message>
    <message>
        <location filename="../../qml/common/EnrolmentScreen.qml" line="81"/>
        <source>No console (%1/desk/): Administração → Registrar aparelho por código. O código vale 15 minutos; depois aparece outro sozinho.</source>
        <translation>In the console (%1/desk/): Administração → Registrar aparelho por código. The code is valid for 15 minutes; then a new one appears by itself.</translation>
    </message>
    <message>
        <location filename="../../qml/common/EnrolmentScreen.qml" line="91"/>
        <source>Nome deste aparelho na rede: %1</source>
        <translation>This device&apos;s network name: %1</translation>
    </message>
</context>
<context>
    <name>IssuingScreen</name>
    <message>
        <location filename="../../qml/totem/IssuingScreen.qml" line="17"/>
        <source>Emitindo sua senha…</source>
        <translation>Issuing your ticket…</translation>
    </message>
    <message>
        <location filename="../../qml/totem/IssuingScreen.qml" line="18"/>
        <source>Só um instante</source>
        <translation>Just a moment</translation>
    </message>
</context>
<context>
    <name>Keypad</name>
    <message>
        <location filename="../../qml/totem/Keypad.qml" line="11"/>
        <source>Confirmar</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <location filename="../../qml/totem/Keypad.qml" line="43"/>
        <source>Limpar</source>
        <translation>Clear</translation>
    </message>
    <message>
        <location filename="../../qml/totem/Keypad.qml" line="65"/>
        <source>Apagar</source>
        <translation>Delete</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../../qml/totem/Main.qml" line="16"/>
        <source>Clinico — Totem de senhas</source>
        <translation>Clinico — Ticket kiosk</translation>
    </message>
</context>
<context>
    <name>MaintenanceScreen</name>
    <message>
        <location filename="../../qml/totem/MaintenanceScreen.qml" line="37"/>
        <source>Manutenção do totem</source>
        <translation>Kiosk maintenance</translation>
    </message>
    <message>
        <location filename="../../qml/totem/MaintenanceScreen.qml" line="40"/>
        <source>Servidor</source>
        <translation>Server</translation>
    </message>
    <message>
        <location filename="../../qml/totem/MaintenanceScreen.qml" line="41"/>
        <source>conectado</source>
        <translation>connected</translation>
    </message>
    <message>
        <location filename="../../qml/totem/MaintenanceScreen.qml" line="41"/>
        <source>sem conexão</source>
        <translation>offline</translation>
    </message>
    <message>
        <location filename="../../qml/totem/MaintenanceScreen.qml" line="45"/>
        <source>Senhas a enviar</source>
        <translation>Tickets to send</translation>
    </message>
    <message>
        <location filename="../../qml/totem/MaintenanceScreen.qml" line="49"/>
        <source>Impressora</source>
        <translation>Printer</translation>
    </message>
    <message>
        <location filename="../../qml/totem/MaintenanceScreen.qml" line="54"/>
        <source>Versão</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../../qml/totem/MaintenanceScreen.qml" line="59"/>
        <source>Erros recentes</source>
        <translation>Recent errors</translation>
    </message>
    <message>
        <location filename="../../qml/totem/MaintenanceScreen.qml" line="72"/>
        <source>Nenhum</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../../qml/totem/MaintenanceScreen.qml" line="96"/>
        <source>Imprimir senha de teste</source>
        <translation>Print a test ticket</translation>
    </message>
    <message>
        <location filename="../../qml/totem/MaintenanceScreen.qml" line="102"/>
        <source>Sair</source>
        <translation>Exit</translation>
    </message>
</context>
<context>
    <name>OutOfServiceScreen</name>
    <message>
        <location filename="../../qml/totem/OutOfServiceScreen.qml" line="13"/>
        <source>Totem temporariamente fora de serviço</source>
        <translation>Kiosk temporarily out of service</translation>
    </message>
    <message>
        <location filename="../../qml/totem/OutOfServiceScreen.qml" line="14"/>
        <source>Por favor, procure a recepção para retirar sua senha.</source>
        <translation>Please go to the reception desk to get your ticket.</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <location filename="../../qml/totem/PinDialog.qml" line="23"/>
        <source>PIN incorreto</source>
        <translation>Wrong PIN</translation>
    </message>
    <message>
        <location filename="../../qml/totem/PinDialog.qml" line="23"/>
        <source>PIN de manutenção</source>
        <translation>Maintenance PIN</translation>
    </message>
    <message>
        <location filename="../../qml/totem/PinDialog.qml" line="40"/>
        <source>Entrar</source>
        <translation>Enter</translation>
    </message>
</context>
<context>
    <name>PriorityScreen</name>
    <message>
        <location filename="../../qml/totem/PriorityScreen.qml" line="15"/>
        <source>Atendimento preferencial?</source>
        <translation>Priority service?</translation>
    </message>
    <message>
        <location filename="../../qml/totem/PriorityScreen.qml" line="23"/>
        <source>Não, atendimento normal</source>
        <translation>No, regular service</translation>
    </message>
    <message>
        <location filename="../../qml/totem/PriorityScreen.qml" line="33"/>
        <source>Sim, sou (ou acompanho):</source>
        <translation>Yes, I am (or I am with):</translation>
    </message>
    <message>
        <location filename="../../qml/totem/PriorityScreen.qml" line="102"/>
        <source>Conforme seu cadastro</source>
        <translation>From your registration</translation>
    </message>
    <message>
        <location filename="../../qml/totem/PriorityScreen.qml" line="44"/>
        <location filename="../../qml/totem/PriorityScreen.qml" line="119"/>
        <source>Voltar</source>
        <translation>Back</translation>
    </message>
</context>
<context>
    <name>ServiceScreen</name>
    <message>
        <location filename="../../qml/totem/ServiceScreen.qml" line="12"/>
        <source>Qual atendimento você procura?</source>
        <translation>Which service do you need?</translation>
    </message>
    <message>
        <location filename="../../qml/totem/ServiceScreen.qml" line="13"/>
        <source>Toque em uma opção</source>
        <translation>Touch an option</translation>
    </message>
    <message>
        <location filename="../../qml/totem/ServiceScreen.qml" line="45"/>
        <source>Voltar</source>
        <translation>Back</translation>
    </message>
</context>
<context>
    <name>TicketScreen</name>
    <message>
        <location filename="../../qml/totem/TicketScreen.qml" line="23"/>
        <source>Não foi possível emitir sua senha</source>
        <translation>Your ticket could not be issued</translation>
    </message>
    <message>
        <location filename="../../qml/totem/TicketScreen.qml" line="28"/>
        <source>Por favor, procure a recepção.</source>
        <translation>Please go to the reception desk.</translation>
    </message>
    <message>
        <location filename="../../qml/totem/TicketScreen.qml" line="70"/>
        <source>Anote sua senha</source>
        <translation>Write down your ticket number</translation>
    </message>
    <message>
        <location filename="../../qml/totem/TicketScreen.qml" line="71"/>
        <source>Imprimindo sua senha…</source>
        <translation>Printing your ticket…</translation>
    </message>
    <message>
        <location filename="../../qml/totem/TicketScreen.qml" line="72"/>
        <source>Retire sua senha abaixo</source>
        <translation>Take your ticket below</translation>
    </message>
    <message>
        <location filename="../../qml/totem/TicketScreen.qml" line="98"/>
        <source>Sua senha</source>
        <translation>Your ticket</translation>
    </message>
    <message>
        <location filename="../../qml/totem/TicketScreen.qml" line="138"/>
        <source>1 pessoa na sua frente</source>
        <translation>1 person ahead of you</translation>
    </message>
    <message>
        <location filename="../../qml/totem/TicketScreen.qml" line="139"/>
        <source>%1 pessoas na sua frente</source>
        <translation>%1 people ahead of you</translation>
    </message>
    <message>
        <location filename="../../qml/totem/TicketScreen.qml" line="140"/>
        <source>cerca de 1 minuto</source>
        <translation>about 1 minute</translation>
    </message>
    <message>
        <location filename="../../qml/totem/TicketScreen.qml" line="141"/>
        <source>cerca de %1 minutos</source>
        <translation>about %1 minutes</translation>
    </message>
    <message>
        <location filename="../../qml/totem/TicketScreen.qml" line="142"/>
        <source>Você é a próxima pessoa</source>
        <translation>You are next in line</translation>
    </message>
    <message>
        <location filename="../../qml/totem/TicketScreen.qml" line="179"/>
        <source>A impressora não funcionou. Anote ou fotografe sua senha e aguarde a chamada pela TV.</source>
        <translation>The printer did not work. Write down or take a photo of your ticket number and watch the TV for your call.</translation>
    </message>
    <message>
        <location filename="../../qml/totem/TicketScreen.qml" line="180"/>
        <source>Aguarde a chamada pela TV</source>
        <translation>Watch the TV for your call</translation>
    </message>
    <message>
        <location filename="../../qml/totem/TicketScreen.qml" line="195"/>
        <source>Esta tela fecha em 1 segundo</source>
        <translation>This screen closes in 1 second</translation>
    </message>
    <message>
        <location filename="../../qml/totem/TicketScreen.qml" line="196"/>
        <source>Esta tela fecha em %1 segundos</source>
        <translation>This screen closes in %1 seconds</translation>
    </message>
    <message>
        <location filename="../../qml/totem/TicketScreen.qml" line="211"/>
        <source>Preciso de mais tempo</source>
        <translation>I need more time</translation>
    </message>
    <message>
        <location filename="../../qml/totem/TicketScreen.qml" line="156"/>
        <source>Você já tinha esta senha: é a mesma, impressa de novo.</source>
        <translation>You already had this ticket: it is the same one, printed again.</translation>
    </message>
    <message>
        <location filename="../../qml/totem/TicketScreen.qml" line="39"/>
        <location filename="../../qml/totem/TicketScreen.qml" line="221"/>
        <source>Pronto</source>
        <translation>Done</translation>
    </message>
</context>
<context>
    <name>clinico::totem::AudioGuide</name>
    <message>
        <location filename="../guide/audioguide.cpp" line="73"/>
        <source>Instruções faladas ligadas.</source>
        <translation>Spoken instructions on.</translation>
    </message>
    <message>
        <location filename="../guide/audioguide.cpp" line="75"/>
        <source>Instruções faladas desligadas.</source>
        <translation>Spoken instructions off.</translation>
    </message>
    <message>
        <location filename="../guide/audioguide.cpp" line="106"/>
        <source>Totem temporariamente fora de serviço. Por favor, procure a recepção para retirar sua senha.</source>
        <translation>This kiosk is temporarily out of service. Please go to the reception desk for your ticket.</translation>
    </message>
    <message>
        <location filename="../guide/audioguide.cpp" line="111"/>
        <source>Cada número digitado será repetido no fone de ouvido.</source>
        <translation>Each number you type will be repeated in the headphones.</translation>
    </message>
    <message>
        <location filename="../guide/audioguide.cpp" line="112"/>
        <source>Para sua privacidade, os números não são falados em voz alta: a cada tecla, digo quantos faltam.</source>
        <translation>For your privacy, the numbers are not said aloud: at each key, I say how many are left.</translation>
    </message>
    <message>
        <location filename="../guide/audioguide.cpp" line="114"/>
        <source>Digite seu CPF para retirar sua senha: são 11 números, no teclado numérico. Na última fileira do teclado, Limpar apaga tudo e Apagar apaga o último número. Depois, toque em Confirmar, o botão largo embaixo do teclado, ou aperte Enter.</source>
        <translation>Type your CPF to get your ticket: it has 11 numbers, on the number keypad. On the last row of the keypad, Clear erases everything and Delete erases the last number. Then touch Confirm, the wide button below the keypad, or press Enter.</translation>
    </message>
    <message>
        <location filename="../guide/audioguide.cpp" line="123"/>
        <source>Qual atendimento você procura? As opções são: %1. Toque na opção, ou use as setas do teclado para ouvir cada uma e aperte Enter para escolher. Voltar fica no canto de baixo, à esquerda.</source>
        <translation>Which service are you looking for? The options are: %1. Touch an option, or use the arrow keys to hear each one and press Enter to choose. Back is in the bottom left corner.</translation>
    </message>
    <message>
        <location filename="../guide/audioguide.cpp" line="132"/>
        <source>Atendimento preferencial? Se não tiver direito, toque no primeiro botão, no alto: Não, atendimento normal. Se tiver, toque no seu grupo, abaixo. Os grupos são: %1 Use as setas do teclado para ouvir cada opção e aperte Enter para escolher.</source>
        <translation>Priority service? If you are not entitled to it, touch the first button, at the top: No, regular service. If you are, touch your group, below. The groups are: %1 Use the arrow keys to hear each option and press Enter to choose.</translation>
    </message>
    <message>
        <location filename="../guide/audioguide.cpp" line="140"/>
        <source>O botão largo, no alto, confirma a chegada. Abaixo dele, Pegar senha para outro serviço.</source>
        <translation>The wide button at the top confirms your arrival. Below it: Get a ticket for another service.</translation>
    </message>
    <message>
        <location filename="../guide/audioguide.cpp" line="142"/>
        <source>Para outro atendimento, toque em Pegar senha para outro serviço.</source>
        <translation>For another service, tap Get a ticket for another service.</translation>
    </message>
    <message>
        <location filename="../guide/audioguide.cpp" line="144"/>
        <source>Emitindo sua senha. Aguarde um momento.</source>
        <translation>Issuing your ticket. Please wait a moment.</translation>
    </message>
    <message>
        <location filename="../guide/audioguide.cpp" line="147"/>
        <source>Não foi possível emitir sua senha: %1. Por favor, procure a recepção.</source>
        <translation>Your ticket could not be issued: %1. Please go to the reception desk.</translation>
    </message>
    <message>
        <location filename="../guide/audioguide.cpp" line="149"/>
        <source>Sua senha é %1. Repetindo: %1.</source>
        <translation>Your ticket is %1. Again: %1.</translation>
    </message>
    <message>
        <location filename="../guide/audioguide.cpp" line="150"/>
        <source>Aguarde na sala de espera: sua senha será chamada na TV, em voz alta.</source>
        <translation>Please wait in the waiting room: your ticket will be called on the TV, out loud.</translation>
    </message>
    <message>
        <location filename="../guide/audioguide.cpp" line="153"/>
        <source>A impressora não funcionou: anote ou fotografe sua senha, %1.</source>
        <translation>The printer did not work: write down or take a photo of your ticket, %1.</translation>
    </message>
    <message>
        <location filename="../guide/audioguide.cpp" line="154"/>
        <source>Retire a senha impressa na saída da impressora.</source>
        <translation>Take your printed ticket from the printer.</translation>
    </message>
    <message>
        <location filename="../guide/audioguide.cpp" line="156"/>
        <source>Se precisar de mais tempo, toque em Preciso de mais tempo; quando terminar, toque em Pronto.</source>
        <translation>If you need more time, touch I need more time; when you are finished, touch Done.</translation>
    </message>
    <message>
        <location filename="../guide/audioguide.cpp" line="172"/>
        <source>CPF completo. Toque em Confirmar, ou aperte Enter</source>
        <translation>CPF complete. Touch Confirm, or press Enter</translation>
    </message>
    <message>
        <location filename="../guide/audioguide.cpp" line="178"/>
        <source>%1. Você digitou: %2. %3.</source>
        <translation>%1. You typed: %2. %3.</translation>
    </message>
    <message>
        <location filename="../guide/audioguide.cpp" line="182"/>
        <source>Apagar.</source>
        <translation>Delete.</translation>
    </message>
    <message>
        <location filename="../guide/audioguide.cpp" line="184"/>
        <source>Limpar. Todos os números foram apagados.</source>
        <translation>Clear. All the numbers were erased.</translation>
    </message>
    <message>
        <location filename="../guide/audioguide.cpp" line="186"/>
        <source>Confirmar.</source>
        <translation>Confirm.</translation>
    </message>
    <message>
        <location filename="../guide/audioguide.cpp" line="202"/>
        <source>prioridade especial, chamada antes dos outros atendimentos preferenciais.</source>
        <translation>special priority, called before the other priority tickets.</translation>
    </message>
    <message>
        <location filename="../guide/audioguide.cpp" line="203"/>
        <source>pessoa idosa.</source>
        <translation>older person.</translation>
    </message>
    <message>
        <location filename="../guide/audioguide.cpp" line="204"/>
        <source>durante a gravidez.</source>
        <translation>during pregnancy.</translation>
    </message>
    <message>
        <location filename="../guide/audioguide.cpp" line="205"/>
        <source>quem amamenta um bebê.</source>
        <translation>breastfeeding a baby.</translation>
    </message>
    <message>
        <location filename="../guide/audioguide.cpp" line="206"/>
        <source>quem está com uma criança pequena no colo.</source>
        <translation>carrying a small child in arms.</translation>
    </message>
    <message>
        <location filename="../guide/audioguide.cpp" line="208"/>
        <source>deficiência física, visual, auditiva, intelectual ou múltipla, ou quem acompanha essa pessoa.</source>
        <translation>physical, visual, hearing, intellectual or multiple disability, or the person accompanying them.</translation>
    </message>
    <message>
        <location filename="../guide/audioguide.cpp" line="211"/>
        <source>transtorno do espectro autista, ou quem acompanha essa pessoa.</source>
        <translation>autism spectrum disorder, or the person accompanying them.</translation>
    </message>
    <message>
        <location filename="../guide/audioguide.cpp" line="212"/>
        <source>dificuldade para andar ou ficar em pé.</source>
        <translation>difficulty walking or standing.</translation>
    </message>
    <message>
        <location filename="../guide/audioguide.cpp" line="215"/>
        <source>Não, atendimento normal.</source>
        <translation>No, regular service.</translation>
    </message>
</context>
<context>
    <name>clinico::totem::ServerSync</name>
    <message>
        <location filename="../issuing/serversync.cpp" line="140"/>
        <source>Senha %1 recusada pelo servidor: %2</source>
        <translation>Ticket %1 refused by the server: %2</translation>
    </message>
    <message>
        <location filename="../issuing/serversync.cpp" line="156"/>
        <source>Não consegui ler os serviços do servidor: %1</source>
        <translation>Could not read the services from the server: %1</translation>
    </message>
    <message>
        <location filename="../issuing/serversync.cpp" line="200"/>
        <source>Não consegui reservar números para uso offline: %1</source>
        <translation>Could not reserve numbers for offline use: %1</translation>
    </message>
    <message>
        <location filename="../issuing/serversync.cpp" line="274"/>
        <source>Servidor não respondeu: %1</source>
        <translation>Server did not answer: %1</translation>
    </message>
</context>
<context>
    <name>clinico::totem::TicketIssuer</name>
    <message>
        <location filename="../issuing/ticketissuer.cpp" line="60"/>
        <source>Este serviço não está disponível agora.</source>
        <translation>This service is not available right now.</translation>
    </message>
    <message>
        <location filename="../issuing/ticketissuer.cpp" line="52"/>
        <source>Não foi possível emitir sua senha neste totem. Por favor, procure a recepção.</source>
        <translation>Your ticket could not be issued at this kiosk. Please go to the reception desk.</translation>
    </message>
</context>
<context>
    <name>clinico::totem::TotemFlow</name>
    <message>
        <location filename="../flow/totemflow.cpp" line="110"/>
        <source>Falta 1 número</source>
        <translation>1 digit missing</translation>
    </message>
    <message>
        <location filename="../flow/totemflow.cpp" line="110"/>
        <source>Faltam %1 números</source>
        <translation>%1 digits missing</translation>
    </message>
    <message>
        <location filename="../flow/totemflow.cpp" line="129"/>
        <source>80 anos ou mais</source>
        <translation>80 or older</translation>
    </message>
    <message>
        <location filename="../flow/totemflow.cpp" line="130"/>
        <source>60 anos ou mais</source>
        <translation>60 or older</translation>
    </message>
    <message>
        <location filename="../flow/totemflow.cpp" line="131"/>
        <source>Gestante</source>
        <translation>Pregnant</translation>
    </message>
    <message>
        <location filename="../flow/totemflow.cpp" line="132"/>
        <source>Lactante</source>
        <translation>Breastfeeding</translation>
    </message>
    <message>
        <location filename="../flow/totemflow.cpp" line="133"/>
        <source>Criança de colo</source>
        <translation>Carrying a small child</translation>
    </message>
    <message>
        <location filename="../flow/totemflow.cpp" line="134"/>
        <source>Pessoa com deficiência</source>
        <translation>Person with a disability</translation>
    </message>
    <message>
        <location filename="../flow/totemflow.cpp" line="135"/>
        <source>Autismo (TEA)</source>
        <translation>Autism (ASD)</translation>
    </message>
    <message>
        <location filename="../flow/totemflow.cpp" line="136"/>
        <source>Obesidade ou mobilidade reduzida</source>
        <translation>Obesity or reduced mobility</translation>
    </message>
    <message>
        <location filename="../flow/totemflow.cpp" line="159"/>
        <source>Preferencial 80+</source>
        <translation>Priority 80+</translation>
    </message>
    <message>
        <location filename="../flow/totemflow.cpp" line="161"/>
        <source>Preferencial</source>
        <translation>Priority</translation>
    </message>
    <message>
        <location filename="../flow/totemflow.cpp" line="226"/>
        <location filename="../flow/totemflow.cpp" line="292"/>
        <source>CPF inválido — confira os números</source>
        <translation>Invalid CPF — please check the numbers</translation>
    </message>
    <message>
        <location filename="../flow/totemflow.cpp" line="289"/>
        <source>Digite os 11 números do CPF</source>
        <translation>Enter all 11 digits of the CPF</translation>
    </message>
    <message>
        <location filename="../flow/totemflow.cpp" line="337"/>
        <source>Sua consulta era às %1 com %2</source>
        <translation>Your appointment was at %1 with %2</translation>
    </message>
    <message>
        <location filename="../flow/totemflow.cpp" line="338"/>
        <source>Você tem consulta às %1 com %2</source>
        <translation>You have an appointment at %1 with %2</translation>
    </message>
    <message>
        <location filename="../flow/totemflow.cpp" line="346"/>
        <source>Ainda é cedo. Volte a partir das %1 para confirmar a chegada.</source>
        <translation>It is still early. Come back from %1 on to confirm your arrival.</translation>
    </message>
    <message>
        <location filename="../flow/totemflow.cpp" line="349"/>
        <source>O horário para confirmar a chegada já passou. Por favor, procure a recepção.</source>
        <translation>The time to confirm your arrival has passed. Please go to the reception desk.</translation>
    </message>
    <message>
        <location filename="../flow/totemflow.cpp" line="350"/>
        <source>Toque em Confirmar chegada e aguarde a chamada pela TV.</source>
        <translation>Tap Confirm arrival and wait to be called on the TV.</translation>
    </message>
    <message>
        <location filename="../flow/totemflow.cpp" line="466"/>
        <source>Nenhuma impressora configurada</source>
        <translation>No printer configured</translation>
    </message>
    <message>
        <location filename="../flow/totemflow.cpp" line="492"/>
        <source>Impressão falhou: %1</source>
        <translation>Printing failed: %1</translation>
    </message>
    <message>
        <location filename="../flow/totemflow.cpp" line="602"/>
        <source>Teste de impressão</source>
        <translation>Print test</translation>
    </message>
</context>
</TS>
