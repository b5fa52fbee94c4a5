// SPDX-License-Identifier: GPL-3.0-or-later
// Every wire message reader: the first byte picks the message, the rest is the request body as
// it arrives. A body a reader accepts must write back (toJson) to a body the reader accepts.
#include "protocol/jsonreader.h"
#include "protocol/messages.h"

#include <cstdlib>

using namespace clinico;
using namespace clinico::protocol;

namespace {

template<typename T, typename... From> void roundTrip(const QJsonObject &o, From... from)
{
    auto first = T::fromJson(o, from...);
    if (!first)
        return;
    if (!T::fromJson(first->toJson(), from...))
        std::abort(); // accepted once, refused after a round trip
}

void displaySettings(const QJsonObject &o)
{
    roundTrip<DisplaySettings>(o, DisplaySettings::From::Client);
    roundTrip<DisplaySettings>(o, DisplaySettings::From::Server);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const QByteArray body(reinterpret_cast<const char *>(data) + 1, qsizetype(size - 1));
    auto object = JsonReader::parseObject(body);
    if (!object)
        return 0;
    using Reader = void (*)(const QJsonObject &);
    static constexpr Reader readers[] = { roundTrip<Service>, roundTrip<ClinicCalendar>, roundTrip<Counter>,
        displaySettings, roundTrip<IssueTicketRequest>, roundTrip<Ticket>, roundTrip<IssueTicketResponse>,
        roundTrip<CallAnnouncement>, roundTrip<CallResult>, roundTrip<LeaseRequest>, roundTrip<Lease>,
        roundTrip<DeviceStatus>, roundTrip<PatientLookupRequest>, roundTrip<PatientLookup>, roundTrip<Event>,
        roundTrip<Snapshot>, roundTrip<Hello>, roundTrip<StaffUser>, roundTrip<LoginRequest>,
        roundTrip<SessionInfo>, roundTrip<UserChange>, roundTrip<AdminSettings>, roundTrip<DeviceInfo>,
        roundTrip<NewDeviceRequest>, roundTrip<NewDeviceResponse>, roundTrip<AuditEntry>,
        roundTrip<ReportFigures>, roundTrip<ReportRow>, roundTrip<DayReport>, roundTrip<EnrolmentRequest>,
        roundTrip<EnrolmentTicket>, roundTrip<EnrolmentState>, roundTrip<EnrolmentApproval>,
        roundTrip<Preapproval>, roundTrip<EnrolmentRedemption>, roundTrip<PendingEnrolment> };
    readers[data[0] % std::size(readers)](*object);
    return 0;
}
