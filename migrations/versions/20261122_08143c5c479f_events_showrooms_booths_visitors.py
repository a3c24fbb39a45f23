"""events, showrooms, booth applications, visitor registrations

Revision ID: 08143c5c479f
Revises: 61f983514117
Create Date: 2026-11-22 22:42:45.698212

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '08143c5c479f'
down_revision = '61f983514117'
branch_labels = None
depends_on = None


def upgrade():
    # Reviewed: the whole schema of the events domain (events, booth applications and the
    # products shown on them, visitor registrations with ticket codes, showrooms and the
    # products they stock). Enums are VARCHAR + CHECK on both engines, as in the catalogue.
    op.create_table('events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=160), nullable=False),
    sa.Column('organizer_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('fair', 'exhibition', 'ocop_week', 'showroom_opening', 'livestream', 'b2b_session', name='event_kind', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('cover_path', sa.String(length=300), nullable=True),
    sa.Column('venue', sa.String(length=200), nullable=False),
    sa.Column('address', sa.String(length=300), nullable=False),
    sa.Column('province_id', sa.Integer(), nullable=False),
    sa.Column('starts_at', sa.DateTime(), nullable=False),
    sa.Column('ends_at', sa.DateTime(), nullable=False),
    sa.Column('previous_starts_at', sa.DateTime(), nullable=True),
    sa.Column('previous_ends_at', sa.DateTime(), nullable=True),
    sa.Column('booth_count', sa.Integer(), nullable=False),
    sa.Column('application_deadline', sa.DateTime(), nullable=True),
    sa.Column('visitor_capacity', sa.Integer(), nullable=True),
    sa.Column('status', sa.Enum('draft', 'published', 'postponed', 'cancelled', name='event_status', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('status_reason', sa.String(length=500), nullable=True),
    sa.Column('published_at', sa.DateTime(), nullable=True),
    sa.Column('is_demo', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('booth_count >= 0', name=op.f('ck_events_booth_count_not_negative')),
    sa.CheckConstraint('ends_at > starts_at', name=op.f('ck_events_ends_after_start')),
    sa.CheckConstraint('visitor_capacity IS NULL OR visitor_capacity >= 0', name=op.f('ck_events_capacity_not_negative')),
    sa.ForeignKeyConstraint(['organizer_id'], ['users.id'], name=op.f('fk_events_organizer_id_users')),
    sa.ForeignKeyConstraint(['province_id'], ['provinces.id'], name=op.f('fk_events_province_id_provinces')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_events')),
    sa.UniqueConstraint('slug', name=op.f('uq_events_slug'))
    )
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_events_organizer_id'), ['organizer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_events_province_id'), ['province_id'], unique=False)
        batch_op.create_index('ix_events_status_starts', ['status', 'starts_at'], unique=False)

    op.create_table('showrooms',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=160), nullable=False),
    sa.Column('organizer_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('address', sa.String(length=300), nullable=False),
    sa.Column('province_id', sa.Integer(), nullable=False),
    sa.Column('opening_hours', sa.String(length=300), nullable=False),
    sa.Column('phone', sa.String(length=20), nullable=True),
    sa.Column('email', sa.String(length=254), nullable=True),
    sa.Column('is_active', sa.Boolean(), nullable=False),
    sa.Column('is_demo', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['organizer_id'], ['users.id'], name=op.f('fk_showrooms_organizer_id_users')),
    sa.ForeignKeyConstraint(['province_id'], ['provinces.id'], name=op.f('fk_showrooms_province_id_provinces')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_showrooms')),
    sa.UniqueConstraint('slug', name=op.f('uq_showrooms_slug'))
    )
    with op.batch_alter_table('showrooms', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_showrooms_organizer_id'), ['organizer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_showrooms_province_id'), ['province_id'], unique=False)

    op.create_table('visitor_registrations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=True),
    sa.Column('phone', sa.String(length=20), nullable=True),
    sa.Column('status', sa.Enum('confirmed', 'waitlisted', 'checked_in', 'cancelled', name='registration_status', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('waitlisted_at', sa.DateTime(), nullable=True),
    sa.Column('confirmed_at', sa.DateTime(), nullable=True),
    sa.Column('checked_in_at', sa.DateTime(), nullable=True),
    sa.Column('checked_in_by_id', sa.Integer(), nullable=True),
    sa.Column('cancelled_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['checked_in_by_id'], ['users.id'], name=op.f('fk_visitor_registrations_checked_in_by_id_users')),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_visitor_registrations_event_id_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_visitor_registrations_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_visitor_registrations')),
    sa.UniqueConstraint('code', name=op.f('uq_visitor_registrations_code'))
    )
    with op.batch_alter_table('visitor_registrations', schema=None) as batch_op:
        batch_op.create_index('ix_visitor_registrations_event_status', ['event_id', 'status'], unique=False)
        batch_op.create_index(batch_op.f('ix_visitor_registrations_user_id'), ['user_id'], unique=False)

    op.create_table('booth_applications',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('producer_id', sa.Integer(), nullable=False),
    sa.Column('submitted_by_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.Enum('submitted', 'accepted', 'rejected', 'waitlisted', 'withdrawn', 'cancelled', name='application_status', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('booth_size', sa.Enum('3x3', '3x6', '6x6', name='booth_size', native_enum=False, create_constraint=True, length=10), nullable=False),
    sa.Column('needs_power', sa.Boolean(), nullable=False),
    sa.Column('note', sa.String(length=1000), nullable=False),
    sa.Column('booth_number', sa.Integer(), nullable=True),
    sa.Column('reason', sa.String(length=500), nullable=True),
    sa.Column('waitlisted_at', sa.DateTime(), nullable=True),
    sa.Column('decided_at', sa.DateTime(), nullable=True),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('booth_number IS NULL OR booth_number >= 1', name=op.f('ck_booth_applications_booth_number_positive')),
    sa.ForeignKeyConstraint(['decided_by_id'], ['users.id'], name=op.f('fk_booth_applications_decided_by_id_users')),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_booth_applications_event_id_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['producer_id'], ['producers.id'], name=op.f('fk_booth_applications_producer_id_producers')),
    sa.ForeignKeyConstraint(['submitted_by_id'], ['users.id'], name=op.f('fk_booth_applications_submitted_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_booth_applications')),
    sa.UniqueConstraint('event_id', 'booth_number', name='uq_booth_applications_event_booth')
    )
    with op.batch_alter_table('booth_applications', schema=None) as batch_op:
        batch_op.create_index('ix_booth_applications_event_status', ['event_id', 'status'], unique=False)
        batch_op.create_index(batch_op.f('ix_booth_applications_producer_id'), ['producer_id'], unique=False)

    op.create_table('booth_application_products',
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['booth_applications.id'], name=op.f('fk_booth_application_products_application_id_booth_applications'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_booth_application_products_product_id_products'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('application_id', 'product_id', name=op.f('pk_booth_application_products'))
    )
    with op.batch_alter_table('booth_application_products', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_booth_application_products_product_id'), ['product_id'], unique=False)

    op.create_table('showroom_products',
    sa.Column('showroom_id', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('added_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_showroom_products_product_id_products'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['showroom_id'], ['showrooms.id'], name=op.f('fk_showroom_products_showroom_id_showrooms'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('showroom_id', 'product_id', name=op.f('pk_showroom_products'))
    )
    with op.batch_alter_table('showroom_products', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_showroom_products_product_id'), ['product_id'], unique=False)



def downgrade():
    with op.batch_alter_table('showroom_products', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_showroom_products_product_id'))

    op.drop_table('showroom_products')
    with op.batch_alter_table('booth_application_products', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_booth_application_products_product_id'))

    op.drop_table('booth_application_products')
    with op.batch_alter_table('booth_applications', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_booth_applications_producer_id'))
        batch_op.drop_index('ix_booth_applications_event_status')

    op.drop_table('booth_applications')
    with op.batch_alter_table('visitor_registrations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_visitor_registrations_user_id'))
        batch_op.drop_index('ix_visitor_registrations_event_status')

    op.drop_table('visitor_registrations')
    with op.batch_alter_table('showrooms', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_showrooms_province_id'))
        batch_op.drop_index(batch_op.f('ix_showrooms_organizer_id'))

    op.drop_table('showrooms')
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_index('ix_events_status_starts')
        batch_op.drop_index(batch_op.f('ix_events_province_id'))
        batch_op.drop_index(batch_op.f('ix_events_organizer_id'))

    op.drop_table('events')
